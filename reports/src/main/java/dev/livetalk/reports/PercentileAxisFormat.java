package dev.livetalk.reports;

import java.io.Serial;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Labels of HdrHistogram's percentile axis: a position x = 1/(1-p) is shown as the percentile
 * p, so 10 reads {@code 90%}, 100 {@code 99%}, 1000 {@code 99.9%}.
 *
 * <p>Not thread-safe, like every {@link NumberFormat}; one per chart.
 */
final class PercentileAxisFormat extends NumberFormat {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The percentile at axis position {@code x} (x >= 1). */
    static double percentileAt(double x) {
        return 100.0 * (1.0 - 1.0 / x);
    }

    /** The axis position of percentile {@code p} (p < 100). */
    static double positionOf(double percentile) {
        return 1.0 / (1.0 - percentile / 100.0);
    }

    @Override
    public StringBuffer format(double x, StringBuffer to, FieldPosition pos) {
        if (x < 1) {
            return to;
        }
        double p = percentileAt(x);
        String text = new BigDecimal(p).round(new MathContext(Math.max(2, (int) Math.ceil(Math.log10(x)) + 1)))
                .stripTrailingZeros().toPlainString();
        return to.append(text).append('%');
    }

    @Override
    public StringBuffer format(long x, StringBuffer to, FieldPosition pos) {
        return format((double) x, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("percentile axis labels are not parsed: " + source);
    }
}
