package dev.synccenter.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.WaitingItem;

/** How the commands show times, durations, progress and requests, so that every command shows them alike. */
final class Formats {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    /**
     * Times an operator acts on or compares with what others report (a retry, a schedule's runs):
     * ISO-8601 with the offset, so that they can be pasted into a script or matched with a log.
     */
    static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneId.systemDefault());
    /** What a waiting item shows as its status: its progress status says only PENDING (C43). */
    static final String WAITING = "WAITING";

    private Formats() {
    }

    /** A time in {@link #ISO}, to the second; "-" for none. */
    static String iso(Instant time) {
        return time == null ? "-" : ISO.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * A duration in the short form the commands read ({@code 1h30m}, {@code 45s}), to the second;
     * under a second in milliseconds; "-" for none.
     */
    static String duration(Duration d) {
        if (d == null) {
            return "-";
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        long[] amounts = {d.toDays(), d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart()};
        String units = "dhms";
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] > 0) {
                text.append(amounts[i]).append(units.charAt(i));
            }
        }
        return text.toString();
    }

    /** A request's waiting items by item ID (C43). */
    static Map<String, WaitingItem> waiting(RequestSnapshot r) {
        Map<String, WaitingItem> byItem = new LinkedHashMap<>();
        r.waiting().forEach(w -> byItem.put(w.itemId(), w));
        return byItem;
    }

    static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    static String percent(ItemProgress item) {
        double fraction = item.fraction();
        return fraction < 0 ? "-" : Math.round(fraction * 100) + "%";
    }

    /** One line: the request's phase and each item's progress, or its result once it is done. */
    static String progressLine(RequestSnapshot r) {
        StringBuilder line = new StringBuilder("request ").append(r.id()).append(' ').append(r.phase());
        SyncResult result = r.result();
        if (result != null) {
            line.append(' ').append(result.status()).append(" (errors ").append(result.errorCount())
                    .append(", conflicts ").append(result.conflictCount());
            if (result.reason() != null) {
                line.append(", ").append(result.reason());
            }
            line.append("):");
            result.items().forEach((item, status) -> {
                line.append(' ').append(item).append(' ').append(status);
                int attempts = result.attemptsOf(item);
                if (attempts > 1) {
                    line.append(" (").append(attempts).append(" attempts)"); // retried (C43)
                }
            });
            return Table.clean(line.toString());
        }
        line.append(':');
        if (r.items().isEmpty()) {
            line.append(" every enabled item");
        }
        Map<String, WaitingItem> waiting = waiting(r);
        for (ItemProgress item : r.items()) {
            line.append(' ').append(item.itemId()).append(' ');
            WaitingItem w = waiting.get(item.itemId());
            if (w != null) {
                line.append(WAITING).append(" until ").append(iso(w.retryAt()));
                continue;
            }
            String percent = percent(item);
            line.append(percent.equals("-") ? item.status().toString() : percent);
            if (!item.text().isEmpty()) {
                line.append(" [").append(item.text()).append(']');
            }
        }
        return Table.clean(line.toString());
    }
}
