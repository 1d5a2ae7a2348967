package dev.livetalk.bench.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as the scenario files write them: {@code 250ms}, {@code 5s}, {@code 2m}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m)");

    @Override
    public Duration convert(String value) {
        Matcher matcher = FORM.matcher(value.trim());
        if (!matcher.matches()) {
            throw new CommandLine.TypeConversionException(
                    "a duration is a whole number followed by ms, s or m (e.g. 500ms, 30s): '" + value + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }
}
