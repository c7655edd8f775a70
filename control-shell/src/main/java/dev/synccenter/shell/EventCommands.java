package dev.synccenter.shell;

import java.io.PrintStream;
import java.util.Locale;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncEvent;

/** The command that reports what happened: events ({@link ConflictCommands} lists the conflicts). */
final class EventCommands {

    /** Events {@code events} lists when no limit is given. */
    static final int DEFAULT_EVENT_LIMIT = 50;

    private final SyncControl control;

    EventCommands(SyncControl control) {
        this.control = control;
    }

    void events(Invocation in, PrintStream out) {
        EventFilter filter = EventFilter.ALL;
        if (in.option("handler") != null) {
            filter = filter.handler(in.option("handler"));
        }
        if (in.option("item") != null) {
            filter = filter.item(in.option("item"));
        }
        if (in.option("level") != null) {
            filter = filter.atLeast(level(in, in.option("level")));
        }
        int limit = in.option("limit") == null ? DEFAULT_EVENT_LIMIT
                : (int) in.number("--limit", in.option("limit"), 0, Integer.MAX_VALUE);
        filter = filter.newest(limit);
        Table table = new Table("TIME", "LEVEL", "HANDLER", "ITEM", "REQUEST", "NAME", "DESCRIPTION");
        for (SyncEvent e : control.events(filter)) {
            table.row(Formats.DATE_TIME.format(e.time()), e.level(), e.handlerId(), e.itemId(),
                    e.requestId() == 0 ? "-" : e.requestId(), e.name(), e.description());
        }
        if (table.isEmpty()) {
            out.println("no events");
            return;
        }
        table.print(out);
    }

    private static EventLevel level(Invocation in, String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (EventLevel level : EventLevel.values()) {
            if (level.name().equals(v) || level.name().startsWith(v) && v.length() >= 3) {
                return level;
            }
        }
        throw in.usage("--level must be INFORMATION, WARNING or ERROR, was '" + Table.clean(value) + "'");
    }
}
