package dev.livetalk.metrics.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.livetalk.scenarios.fault.FaultSchedule;

import java.util.List;

/**
 * The results document of one scenario run ({@code results.json}): everything the reports
 * need, so they can be rendered or merged from results files alone. Format pinned by
 * {@code results.schema.json} and golden-file tests; {@link #VERSION} changes when it breaks.
 *
 * <p>Immutable; any thread.
 *
 * @param version       the format version, {@link #VERSION}
 * @param scenario      the scenario's name
 * @param seed          the seed the run used
 * @param network       the network backend ({@code toxiproxy}, {@code sim})
 * @param environment   versions and machine
 * @param faultSchedule the resolved fault schedule, written as scenarios' {@code FaultScheduleJson}; a
 *                      document without one (or with {@code null}) reads as an empty schedule of
 *                      {@code seed}
 * @param strategies    per strategy, in run order: for a stopped run, those that finished
 * @param stopped       why the run stopped before every strategy finished, or {@code null}
 *                      (then absent from the JSON) for a run that finished
 * @param notJudged     the scenario's budgets that apply to none of the strategies the run played
 *                      ({@code --strategies} named others), in budget order; empty (and absent from
 *                      the JSON) when every budget applied to one
 * @param judgedInOtherShards true for one shard's document ({@code run --shard}) that judged nothing
 *                      itself while the whole run judges budgets or versions of its scenario in other
 *                      shards: the shard is then not NOT JUDGED (the whole run is not); a merge of
 *                      shards keeps it (a fact of the whole run); false (and absent from the JSON) otherwise
 */
public record ResultsDocument(int version, String scenario, long seed, String network, Environment environment,
                              @JsonSerialize(using = ScheduleJson.Writer.class)
                              @JsonDeserialize(using = ScheduleJson.Reader.class) FaultSchedule faultSchedule,
                              List<StrategyResult> strategies,
                              @JsonInclude(JsonInclude.Include.NON_NULL) ScenarioStop stopped,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<UnjudgedBudget> notJudged,
                              @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean judgedInOtherShards) {
    /**
     * The format version this code writes and reads. Version 2: latency figures over every
     * intended delivery (a percentile may be {@code "never"}), the completed-only ones beside
     * them; version 1 documents are still read ({@code ResultsJson}).
     */
    public static final int VERSION = 2;

    @com.fasterxml.jackson.annotation.JsonCreator
    public ResultsDocument {
        if (version != VERSION) {
            throw new IllegalArgumentException("results document version must be " + VERSION + ": " + version);
        }
        if (faultSchedule == null) {
            faultSchedule = new FaultSchedule(seed, List.of());
        }
        strategies = List.copyOf(strategies);
        notJudged = notJudged == null ? List.of() : List.copyOf(notJudged);
    }

    /** A document of which every budget applied to a strategy played. */
    public ResultsDocument(int version, String scenario, long seed, String network, Environment environment,
                           FaultSchedule faultSchedule, List<StrategyResult> strategies, ScenarioStop stopped) {
        this(version, scenario, seed, network, environment, faultSchedule, strategies, stopped, List.of(), false);
    }

    /** A document of the current version. */
    public static ResultsDocument of(String scenario, long seed, String network, Environment environment,
                                     FaultSchedule faultSchedule, List<StrategyResult> strategies) {
        return new ResultsDocument(VERSION, scenario, seed, network, environment, faultSchedule, strategies, null);
    }

    /** This document marked as stopped by {@code why}. */
    public ResultsDocument stoppedBy(ScenarioStop why) {
        return new ResultsDocument(version, scenario, seed, network, environment, faultSchedule, strategies,
                java.util.Objects.requireNonNull(why, "why"), notJudged, judgedInOtherShards);
    }

    /** This document with {@code how} as the way its run was started (in its environment). */
    public ResultsDocument withInvocation(Invocation how) {
        Environment where = environment == null ? new Environment(null, null, 0) : environment;
        return new ResultsDocument(version, scenario, seed, network, where.withInvocation(how), faultSchedule,
                strategies, stopped, notJudged, judgedInOtherShards);
    }

    /** This document with {@code budgets} as the scenario's budgets no strategy played applied to. */
    public ResultsDocument withNotJudged(List<UnjudgedBudget> budgets) {
        return new ResultsDocument(version, scenario, seed, network, environment, faultSchedule, strategies, stopped,
                budgets, false);
    }

    /**
     * This shard's document with {@code budgets} as the scenario's budgets no strategy of the whole
     * run applies to, and whether the whole run judges its scenario in other shards
     * ({@link #judgedInOtherShards}).
     */
    public ResultsDocument withNotJudged(List<UnjudgedBudget> budgets, boolean inOtherShards) {
        return new ResultsDocument(version, scenario, seed, network, environment, faultSchedule, strategies, stopped,
                budgets, inOtherShards);
    }

    /** Whether the harness kept time well enough in this run to trust it; derived from the figures, written, not read. */
    @JsonProperty(value = "health", access = JsonProperty.Access.READ_ONLY)
    public Health health() {
        return Health.of(this);
    }

    /** The result of a strategy, or {@code null}. */
    public StrategyResult strategy(String name) {
        return strategies.stream().filter(s -> s.strategy().equals(name)).findFirst().orElse(null);
    }
}
