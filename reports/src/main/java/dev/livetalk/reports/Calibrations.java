package dev.livetalk.reports;

import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.ResultsDocument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct calibrations of a report's runs, each with the scenarios measured under it: one
 * for a single {@code livetalk run}, several for a merge of runs.
 *
 * <p>Stateless; any thread.
 */
final class Calibrations {
    private Calibrations() {
    }

    /** In the order first met; a scenario is named once per calibration. */
    static Map<Calibration, List<String>> of(List<ComparedSection> sections) {
        Map<Calibration, List<String>> byCalibration = new LinkedHashMap<>();
        for (ComparedSection section : sections) {
            for (ScenarioSection.SeedRun run : section.section().runs()) {
                ResultsDocument document = run.document();
                List<String> scenarios = byCalibration.computeIfAbsent(
                        document.environment() == null ? Calibration.NOT_MEASURED : document.environment().calibration(),
                        c -> new ArrayList<>());
                if (!scenarios.contains(document.scenario())) {
                    scenarios.add(document.scenario());
                }
            }
        }
        return byCalibration;
    }
}
