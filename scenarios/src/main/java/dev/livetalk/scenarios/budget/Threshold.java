package dev.livetalk.scenarios.budget;

/**
 * The right-hand side of a budget: a number and its unit as written.
 *
 * <p>Immutable; any thread.
 */
public record Threshold(double amount, Unit unit) {

    /** The units a threshold may carry. */
    public enum Unit {
        NONE("", 1),
        PERCENT("%", 1),
        NANOSECONDS("ns", 1),
        MICROSECONDS("us", 1_000),
        MILLISECONDS("ms", 1_000_000),
        SECONDS("s", 1_000_000_000),
        MINUTES("m", 60_000_000_000L);

        private final String symbol;
        private final long nanos;

        Unit(String symbol, long nanos) {
            this.symbol = symbol;
            this.nanos = nanos;
        }

        public String symbol() {
            return symbol;
        }

        /** The nanoseconds of one of this unit; 1 for {@link #NONE} and {@link #PERCENT}. */
        public long nanos() {
            return nanos;
        }

        public boolean isTime() {
            return this != NONE && this != PERCENT;
        }
    }

    /**
     * The amount in the unit measurements use: nanoseconds for times, percent for
     * {@link Unit#PERCENT}, the number itself otherwise.
     */
    public double inMeasuredUnit() {
        return exact().doubleValue();
    }

    /**
     * {@link #inMeasuredUnit()} as the decimal written times the unit, exactly: {@code 0.067s} is
     * 67000000 ns, where the product of doubles is 67000000.00000001.
     */
    public java.math.BigDecimal exact() {
        return java.math.BigDecimal.valueOf(amount).multiply(java.math.BigDecimal.valueOf(unit.nanos));
    }

    @Override
    public String toString() {
        return (amount == Math.rint(amount) ? Long.toString((long) amount) : Double.toString(amount))
                + unit.symbol;
    }
}
