package dev.livetalk.scenarios.budget;

import dev.livetalk.scenarios.ClosestName;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses k6-like budget expressions. The grammar:
 *
 * <pre>
 * budget      = metric [aggregation] [drift] comparator threshold [phase] [room] [scope]
 * metric      = echo | ack | peer-first | peer-final | read-receipt-lag | scheduling-lag
 *             | silent-wait | convergence | lost | duplicates | phantoms | inversions | moves
 *             | causal-violations | stuck-pending | unfounded-delivered | unfounded-read
 *             | status-ahead | status-backwards | missing-echoes | converged
 *             | recovery | acked-lost | refetched | reconnect-peak | requests | server-peak
 * aggregation = "p(" number ")" | max | min
 * comparator  = "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!="
 * threshold   = number [ns | us | ms | s | m | %]
 * phase       = before | during | after
 * room        = in (room-name | "every room")
 * scope       = for (all | strategy {"," strategy})
 * drift       = "drift"
 * </pre>
 *
 * Times (latency metrics, {@code convergence}, {@code recovery}) need an aggregation and a time
 * unit; {@code refetched} and {@code requests} (messages, requests per client and fault window) an aggregation and a plain
 * number; counts take neither; {@code converged} takes a percentage or a count; only latency metrics are
 * kept per phase. Examples: {@code peer-final p(99) < 800ms}, {@code lost == 0},
 * {@code converged == 100%}, {@code echo p(99.9) <= 50ms during for reconcile,gap-fill}.
 * Without {@code in}, a budget looks at the figures summed over every room; {@code in room-3}
 * at that room's alone, {@code in every room} at each room's separately (each must hold it).
 * Whether a named room exists is for the scenario's validation to say. The recovery figures
 * ({@code recovery}, {@code acked-lost}, {@code refetched}, {@code reconnect-peak}, {@code requests},
 * {@code server-peak}) are kept for
 * the whole run only and take no {@code in}. With {@code drift}, a budget bounds how a latency
 * figure moved from the first full minute after the warm-up to the last, in percent of the first:
 * {@code scheduling-lag p(99) drift < 20%}; it takes a latency metric, {@code p(50)}, {@code p(99)}
 * or {@code max}, a threshold in percent, no phase and no room (the per-minute figures are the
 * strategy's over every phase). Whether the run is long enough is for the scenario's validation.
 *
 * <p>Stateless; any thread.
 */
public final class BudgetParser {
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Pattern ROOM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern UNIT = Pattern.compile("[A-Za-z%]+");
    private static final Pattern OPERATOR = Pattern.compile("[<>=!]+");

    private final String text;
    private int pos;

    private BudgetParser(String text) {
        this.text = text;
    }

    /**
     * Parses one expression.
     *
     * @throws BudgetSyntaxException with the offset of the offending token and the rule
     */
    public static Budget parse(String expression) {
        return new BudgetParser(expression).budget();
    }

    private Budget budget() {
        Metric metric = metric();
        int aggregationAt = skipSpaces();
        Aggregation aggregation = aggregation();
        checkAggregation(metric, aggregation, aggregationAt);
        int driftAt = skipSpaces();
        boolean drift = drift(metric, aggregation, driftAt);
        int comparisonAt = skipSpaces();
        Comparison comparison = comparison();
        int thresholdAt = skipSpaces();
        Threshold threshold = threshold(drift);
        if (drift) {
            checkDriftThreshold(threshold, thresholdAt);
        } else {
            checkThreshold(metric, threshold, thresholdAt);
            checkDecides(metric, comparison, threshold, comparisonAt);
        }
        int phaseAt = skipSpaces();
        Phase phase = phase(metric);
        if (drift && phase != Phase.ALL) {
            throw new BudgetSyntaxException(phaseAt, "a drift budget looks at the minutes of the whole run: it takes"
                    + " no phase ('" + phase.expressionName() + "')");
        }
        int roomAt = skipSpaces();
        RoomScope room = room();
        if (metric.isRecovery() && !(room instanceof RoomScope.Summed)) {
            throw new BudgetSyntaxException(roomAt, metric.expressionName()
                    + " is a recovery figure of the fault windows, kept for the whole run: it takes no 'in'");
        }
        if (drift && !(room instanceof RoomScope.Summed)) {
            throw new BudgetSyntaxException(roomAt, "a drift budget looks at the strategy's minutes summed over"
                    + " rooms: it takes no 'in'");
        }
        List<String> strategies = scope();
        if (skipSpaces() < text.length()) {
            throw new BudgetSyntaxException(pos, "unexpected '" + rest() + "' after the budget"
                    + " (a budget ends with an optional phase (before, during, after), 'in ROOM' or 'in every room',"
                    + " and 'for STRATEGY')");
        }
        return new Budget(text.strip(), metric, aggregation, comparison, threshold, phase, room, strategies, drift);
    }

    /** The optional {@code drift} after the aggregation: a latency metric's p(50), p(99) or max only. */
    private boolean drift(Metric metric, Aggregation aggregation, int at) {
        if (!"drift".equals(peek(WORD))) {
            return false;
        }
        pos += "drift".length();
        if (metric.kind() != Metric.Kind.LATENCY) {
            throw new BudgetSyntaxException(at, "drift is kept per minute for latency metrics only ("
                    + String.join(", ", Metric.latencyNames()) + "): " + metric.expressionName()
                    + " takes no 'drift'");
        }
        boolean kept = aggregation instanceof Aggregation.Max
                || aggregation instanceof Aggregation.Percentile p && (p.percentile() == 50.0 || p.percentile() == 99.0);
        if (!kept) {
            throw new BudgetSyntaxException(at, "drift is kept per minute as p(50), p(99) and max: "
                    + text.substring(0, at).strip() + " drift");
        }
        return true;
    }

    private static void checkDriftThreshold(Threshold threshold, int at) {
        if (threshold.unit() != Threshold.Unit.PERCENT) {
            throw new BudgetSyntaxException(at, "a drift is a change in percent of the first full minute: the"
                    + " threshold needs % (such as 20%): " + threshold);
        }
    }

    private Metric metric() {
        int at = skipSpaces();
        String name = match(WORD);
        if (name == null) {
            throw new BudgetSyntaxException(at, "a budget starts with a metric name (" + String.join(", ", Metric.names())
                    + "): " + text);
        }
        return Metric.byName(name).orElseThrow(() -> new BudgetSyntaxException(at, "unknown metric '" + name + "'"
                + ClosestName.hint(name, Metric.names()) + " (metrics: " + String.join(", ", Metric.names()) + ")"));
    }

    private Aggregation aggregation() {
        int at = pos;
        String word = peek(WORD);
        if (word == null || word.equals("drift")) {
            return new Aggregation.Value();
        }
        pos += word.length();
        switch (word) {
            case "max":
                return new Aggregation.Max();
            case "min":
                return new Aggregation.Min();
            case "p":
                return percentile(at);
            default:
                throw new BudgetSyntaxException(at, "unknown aggregation '" + word
                        + "' (p(N) such as p(99), max, min)");
        }
    }

    private Aggregation percentile(int at) {
        String number = text.startsWith("(", pos) ? matchAt(pos + 1, NUMBER) : null;
        if (number == null || !text.startsWith(")", pos + 1 + number.length())) {
            throw new BudgetSyntaxException(at, "a percentile is written p(N), such as p(99) or p(99.9): " + rest(at));
        }
        pos += number.length() + 2;
        double p = Double.parseDouble(number);
        if (!(p > 0.0 && p <= 100.0)) {
            throw new BudgetSyntaxException(at, "a percentile must be within (0, 100]: p(" + number + ")");
        }
        return new Aggregation.Percentile(p);
    }

    private void checkAggregation(Metric metric, Aggregation aggregation, int at) {
        boolean none = aggregation instanceof Aggregation.Value;
        if (metric.isTime() && none) {
            throw new BudgetSyntaxException(at, metric.expressionName()
                    + " is a distribution of times: name an aggregation before the comparator (p(99), max, min)");
        }
        if (metric.takesAggregation() && none) {
            throw new BudgetSyntaxException(at, metric.expressionName()
                    + " is a count per client: name an aggregation before the comparator (p(50), max, min)");
        }
        if (!metric.takesAggregation() && !none) {
            throw new BudgetSyntaxException(at, metric.expressionName()
                    + " is a single figure: it takes no aggregation (write '" + metric.expressionName() + " == 0')");
        }
    }

    private Comparison comparison() {
        int at = skipSpaces();
        String symbol = match(OPERATOR);
        if (symbol == null) {
            throw new BudgetSyntaxException(at, "expected a comparator (<, <=, >, >=, ==, !=): " + rest(at));
        }
        return Comparison.bySymbol(symbol).orElseThrow(() -> new BudgetSyntaxException(at,
                "unknown comparator '" + symbol + "' (<, <=, >, >=, ==, !=)"));
    }

    /**
     * The threshold: a number and its unit; negative only for a drift ({@code signed}), a change
     * that falls below 0 when the last full minute is below the first ({@code drift > -20%}: the
     * p99 fell by less than 20%).
     */
    private Threshold threshold(boolean signed) {
        int at = pos;
        if (signed && text.startsWith("-", at) && matchAt(at + 1, NUMBER) != null) {
            pos++;
            Threshold magnitude = threshold(false);
            return new Threshold(-magnitude.amount(), magnitude.unit());
        }
        String number = match(NUMBER);
        if (number == null) {
            if (text.startsWith("-", at)) {
                throw new BudgetSyntaxException(at, "a threshold is not negative (every figure is 0 or more): "
                        + rest(at));
            }
            throw new BudgetSyntaxException(at, "expected a number such as 800ms, 0 or 100%: " + rest(at));
        }
        String unit = match(UNIT);
        double amount = Double.parseDouble(number);
        if (unit == null) {
            return within64Bits(new Threshold(amount, Threshold.Unit.NONE), number, at);
        }
        for (Threshold.Unit u : Threshold.Unit.values()) {
            if (u != Threshold.Unit.NONE && u.symbol().equals(unit)) {
                return within64Bits(new Threshold(amount, u), number, at);
            }
        }
        throw new BudgetSyntaxException(at + number.length(), "unknown unit '" + unit + "' (ns, us, ms, s, m, %)");
    }

    /**
     * A count (a threshold without a unit) or a time beyond 64 bits, as figures are kept, is refused:
     * it was judged as 9223372036854775807 (or that many nanoseconds) and shown so, not as written.
     * {@code number} is the threshold's digits as written, {@code at} where they start.
     */
    private static Threshold within64Bits(Threshold threshold, String number, int at) {
        java.math.BigDecimal max = java.math.BigDecimal.valueOf(Long.MAX_VALUE);
        java.math.BigDecimal written = new java.math.BigDecimal(number);
        if (threshold.unit() == Threshold.Unit.NONE && written.compareTo(max) > 0) {
            throw new BudgetSyntaxException(at, "a count is a whole number within 64 bits, at most " + Long.MAX_VALUE
                    + ": " + number);
        }
        if (threshold.unit().isTime()
                && written.multiply(java.math.BigDecimal.valueOf(threshold.unit().nanos())).compareTo(max) > 0) {
            throw new BudgetSyntaxException(at, "a time threshold must be at most 292 years (2^63-1 ns), as a duration:"
                    + " " + number + threshold.unit().symbol());
        }
        return threshold;
    }

    private static void checkThreshold(Metric metric, Threshold threshold, int at) {
        String name = metric.expressionName();
        if (metric.isTime() && !threshold.unit().isTime()) {
            throw new BudgetSyntaxException(at, name + " is a time: the threshold needs a time unit (ns, us, ms, s, m): "
                    + threshold);
        }
        boolean count = metric.kind() == Metric.Kind.COUNT || metric.kind() == Metric.Kind.PER_CLIENT_COUNT;
        if (count && threshold.unit() != Threshold.Unit.NONE) {
            throw new BudgetSyntaxException(at, name + " is a count: the threshold is a plain number: " + threshold);
        }
        boolean whole = threshold.amount() == Math.rint(threshold.amount());
        if (count && !whole) {
            throw new BudgetSyntaxException(at, name + " is a count: the threshold must be a whole number: " + threshold);
        }
        if (metric.kind() == Metric.Kind.CONVERGED_SHARE) {
            checkConverged(threshold, at, whole);
        }
    }

    /**
     * A budget that no figure can keep, or none can fail, judges nothing: every figure is 0 or more
     * ({@code echo min < 0ns} always fails, {@code echo p(99) >= 0ns} always holds), and the converged
     * share at most 100% ({@code converged > 100%}, {@code converged <= 100%}). A drift may fall below 0.
     */
    private void checkDecides(Metric metric, Comparison comparison, Threshold threshold, int at) {
        boolean zero = threshold.amount() == 0.0;
        boolean fullShare = metric.kind() == Metric.Kind.CONVERGED_SHARE && threshold.unit() == Threshold.Unit.PERCENT
                && threshold.amount() == 100.0;
        String rule = switch (comparison) {
            case LESS -> zero ? "can never hold: every figure is 0 or more" : null;
            case GREATER_OR_EQUAL -> zero ? "always holds: every figure is 0 or more" : null;
            case GREATER -> fullShare ? "can never hold: converged is at most 100%" : null;
            case LESS_OR_EQUAL -> fullShare ? "always holds: converged is at most 100%" : null;
            case EQUAL, NOT_EQUAL -> null;
        };
        if (rule != null) {
            throw new BudgetSyntaxException(at, "'" + text.substring(0, pos).strip() + "' " + rule + ", so it would"
                    + (rule.startsWith("always") ? " pass" : " fail") + " whatever was measured");
        }
    }

    private static void checkConverged(Threshold threshold, int at, boolean whole) {
        if (threshold.unit() == Threshold.Unit.PERCENT && threshold.amount() > 100.0) {
            throw new BudgetSyntaxException(at, "converged is a share of clients: at most 100%: " + threshold);
        }
        if (threshold.unit().isTime() || (threshold.unit() == Threshold.Unit.NONE && !whole)) {
            throw new BudgetSyntaxException(at, "converged takes a percentage (100%) or a whole number of clients: "
                    + threshold);
        }
    }

    private Phase phase(Metric metric) {
        int at = skipSpaces();
        String word = peek(WORD);
        for (Phase phase : Phase.values()) {
            if (phase != Phase.ALL && phase.expressionName().equals(word)) {
                pos += word.length();
                if (metric.kind() != Metric.Kind.LATENCY) {
                    throw new BudgetSyntaxException(at, "only latency metrics are kept per phase; "
                            + metric.expressionName() + " takes no '" + word + "'");
                }
                return phase;
            }
        }
        return Phase.ALL;
    }

    private RoomScope room() {
        int at = skipSpaces();
        if (!"in".equals(peek(WORD))) {
            return new RoomScope.Summed();
        }
        pos += 2;
        int nameAt = skipSpaces();
        String name = nameAt > at + 2 ? match(ROOM_NAME) : null;
        if (name == null || name.equals("for")) {
            throw new BudgetSyntaxException(nameAt, "'in' names a room (in room-3) or 'every room': " + rest(at));
        }
        if (name.equals("every")) {
            int roomAt = pos;
            skipSpaces();
            if ("room".equals(peek(WORD)) && pos > roomAt) {
                pos += 4;
                return new RoomScope.Each();
            }
            pos = roomAt;
        }
        return new RoomScope.Named(name);
    }

    private List<String> scope() {
        int at = skipSpaces();
        if (!"for".equals(peek(WORD))) {
            return List.of();
        }
        pos += 3;
        List<String> names = new ArrayList<>();
        do {
            int nameAt = skipSpaces();
            String name = match(WORD);
            if (name == null) {
                throw new BudgetSyntaxException(nameAt, "'for' names strategies (for reconcile,gap-fill) or 'all': "
                        + rest(at));
            }
            if (names.contains(name)) {
                throw new BudgetSyntaxException(nameAt, "'for' names each strategy once: " + name + " is named twice");
            }
            names.add(name);
            skipSpaces();
        } while (matchLiteral(","));
        return names.equals(List.of("all")) ? List.of() : List.copyOf(names);
    }

    private int skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private boolean matchLiteral(String literal) {
        if (text.startsWith(literal, pos)) {
            pos += literal.length();
            return true;
        }
        return false;
    }

    private String match(Pattern pattern) {
        String found = matchAt(pos, pattern);
        if (found != null) {
            pos += found.length();
        }
        return found;
    }

    private String peek(Pattern pattern) {
        return matchAt(pos, pattern);
    }

    private String matchAt(int at, Pattern pattern) {
        Matcher m = pattern.matcher(text).region(at, text.length());
        return m.lookingAt() ? m.group() : null;
    }

    private String rest() {
        return rest(pos);
    }

    private String rest(int at) {
        return at >= text.length() ? "(end of expression)" : text.substring(at);
    }
}
