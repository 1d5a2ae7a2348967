package dev.livetalk.network;

import dev.livetalk.run.RunPlan;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunRecord;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.StrategyPlay;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioException;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What the Toxiproxy backend's integration tests share: scenarios from text, one run, figures, Toxiproxy's state. */
final class RealNetwork {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RealNetwork() {
    }

    static Scenario scenario(String yaml) {
        try {
            return ScenarioLoader.parse("test.yaml", yaml, LoaderOptions.DEFAULTS);
        } catch (ScenarioException e) {
            throw new AssertionError("the test's scenario is invalid:\n" + e.getMessage(), e);
        }
    }

    static RunRecord play(Scenario scenario, String strategy, ToxiproxyServer toxiproxy)
            throws IOException, InterruptedException {
        return new StrategyPlay(new ToxiproxyBackend(toxiproxy), RunPlan.resolve(scenario, scenario.seed()), strategy,
                RunSettings.DEFAULTS, RunProgress.NONE).play();
    }

    /** A corrected latency figure in milliseconds: a percentile, or 100 for the maximum. */
    static double millis(Measurement measurement, Metric metric, Phase phase, double percentile) {
        var histogram = measurement.latency().series(metric, phase).corrected();
        long nanos = percentile >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
        return nanos / 1e6;
    }

    /** The body of Toxiproxy's {@code GET /proxies}. */
    static String proxies(ToxiproxyServer toxiproxy) throws IOException, InterruptedException {
        URI uri = toxiproxy.apiUrl().resolve("/proxies");
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
