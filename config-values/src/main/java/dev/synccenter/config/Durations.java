package dev.synccenter.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them for the platform: ISO-8601 ({@code PT15M}, {@code P1D}) or the
 * short form, a number with s, m, h or d, one or more times ({@code 30s}, {@code 1h30m}). A
 * schedule's configuration file and the shell's {@code sync:schedule} take the same text, so they
 * read it with this one reader: the two cannot drift apart.
 */
public final class Durations {

    /** One "number unit" of the short form; "1h30m" is two. */
    private static final Pattern PART = Pattern.compile("\\G\\s*(\\d{1,12})\\s*([dhms])", Pattern.CASE_INSENSITIVE);

    private Durations() {
    }

    /**
     * The duration the text stands for, of any sign and length: the caller knows which it accepts.
     *
     * @throws IllegalArgumentException saying what is wrong, worded to follow the value ("every=15
     *     minutes in file ...", "--every '15 minutes' ...")
     */
    public static Duration parse(String text) {
        String t = text.strip();
        if (t.regionMatches(true, 0, "P", 0, 1) || t.regionMatches(true, 0, "-P", 0, 2)) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("is not an ISO-8601 duration (PT15M, P1D)");
            }
        }
        Matcher m = PART.matcher(t);
        Duration sum = Duration.ZERO;
        int end = 0;
        try {
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                sum = sum.plus(switch (Character.toLowerCase(m.group(2).charAt(0))) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                });
                end = m.end();
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is too long a duration");
        }
        if (end == 0 || !t.substring(end).isBlank()) {
            throw new IllegalArgumentException("is not a duration: use a number with s, m, h or d (30s, 15m, 1h30m, "
                    + "1d) or ISO-8601 (PT15M)");
        }
        return sum;
    }
}
