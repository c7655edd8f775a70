package dev.synccenter.shell;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncResult;

/** How the commands show times, progress and requests, so that every command shows them alike. */
final class Formats {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private Formats() {
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
            result.items().forEach((item, status) -> line.append(' ').append(item).append(' ').append(status));
            return Table.clean(line.toString());
        }
        line.append(':');
        if (r.items().isEmpty()) {
            line.append(" every enabled item");
        }
        for (ItemProgress item : r.items()) {
            line.append(' ').append(item.itemId()).append(' ');
            String percent = percent(item);
            line.append(percent.equals("-") ? item.status().toString() : percent);
            if (!item.text().isEmpty()) {
                line.append(" [").append(item.text()).append(']');
            }
        }
        return Table.clean(line.toString());
    }
}
