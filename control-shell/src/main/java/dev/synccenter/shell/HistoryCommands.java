package dev.synccenter.shell;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.synccenter.config.Durations;
import dev.synccenter.control.HistoryFilter;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncResult;

/** The history of results, the durable way to learn what became of requests (C38). */
final class HistoryCommands {

    /** Results {@code history} lists when no limit is given. */
    static final int DEFAULT_HISTORY_LIMIT = 50;

    /** The furthest back {@code --last} reaches: a century, so that "now minus it" stays a valid time. */
    private static final Duration LONGEST = Duration.ofDays(36_500);

    private final SyncControl control;
    private final Clock clock;

    HistoryCommands(SyncControl control, Clock clock) {
        this.control = control;
        this.clock = clock;
    }

    void history(Invocation in, PrintStream out) {
        HistoryFilter filter = HistoryFilter.ALL;
        if (in.option("handler") != null) {
            filter = filter.handler(in.option("handler"));
        }
        if (in.option("state") != null) {
            filter = filter.status(status(in, in.option("state")));
        }
        if (in.option("last") != null) {
            filter = filter.finishedBetween(clock.instant().minus(duration(in, in.option("last"))), null);
        }
        int limit = in.option("limit") == null ? DEFAULT_HISTORY_LIMIT
                : (int) in.number("--limit", in.option("limit"), 1, Integer.MAX_VALUE);
        List<SyncResult> results = control.history(filter.newest(limit));
        Table table = new Table("REQUEST", "HANDLER", "RESULT", "ERRORS", "FINISHED", "SERVED BY", "ITEMS");
        for (SyncResult r : results) {
            table.row(r.requestId(), r.handlerId(), r.status(), r.errorCount(),
                    r.finishedAt() == null ? "-" : Formats.DATE_TIME.format(r.finishedAt()),
                    r.servedBy() == null ? "-" : r.servedBy(), r.items().size());
        }
        if (table.isEmpty()) {
            out.println("no results match");
            return;
        }
        table.print(out);
    }

    private static ProgressStatus status(Invocation in, String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (ProgressStatus s : ProgressStatus.values()) {
            if (s.isFinal() && s.name().equals(v)) {
                return s;
            }
        }
        throw in.usage("--state must be SUCCEEDED, FAILED, CANCELED, DISCONNECTED or SKIPPED, was '"
                + Table.clean(value) + "'");
    }

    /** "90s", "30m", "2h", "7d" (or "1h30m", "PT2H": the forms of config-values' {@link Durations}). */
    private static Duration duration(Invocation in, String value) {
        Duration d;
        try {
            d = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            d = null;
        }
        if (d == null || d.isNegative() || d.isZero() || d.compareTo(LONGEST) > 0) {
            throw in.usage("--last must be a positive number of s, m, h or d (30m, 2h, 7d), was '"
                    + Table.clean(value) + "'");
        }
        return d;
    }
}
