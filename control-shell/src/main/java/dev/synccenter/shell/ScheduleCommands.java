package dev.synccenter.shell;

import java.io.PrintStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import dev.synccenter.config.Durations;
import dev.synccenter.control.ScheduleSnapshot;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncControl;

/**
 * The commands about schedules (C44): list them or show one, create or replace one through the
 * control service, remove one. Schedules from configuration files are listed too; only their files
 * change them, and the control service's refusal says so.
 */
final class ScheduleCommands {

    static final String EVERY = "every";
    static final String CRON = "cron";
    static final String ZONE = "zone";

    private final SyncControl control;

    ScheduleCommands(SyncControl control) {
        this.control = control;
    }

    void schedules(Invocation in, PrintStream out) {
        if (in.size() > 0) {
            print(control.schedule(in.arg(0)).orElseThrow(() -> unknown(in.arg(0))), out);
            return;
        }
        List<ScheduleSnapshot> schedules = control.schedules();
        if (schedules.isEmpty()) {
            out.println("no schedules");
            return;
        }
        Table table = new Table("ID", "ORIGIN", "HANDLER", "ITEMS", "WHEN", "NEXT RUN", "LAST RUN", "LAST REQUEST",
                "HELD", "RUNS", "COALESCED");
        for (ScheduleSnapshot s : schedules) {
            table.row(s.spec().id(), s.origin(), s.spec().handlerId(), items(s.spec()), when(s.spec()),
                    Formats.iso(s.nextRunAt()), Formats.iso(s.lastRunAt()), lastRequest(s), Formats.yesNo(s.held()),
                    s.runs(), s.coalesced());
        }
        table.print(out);
    }

    /** Creates or replaces a schedule, and shows it as the control service stored it. */
    void put(Invocation in, PrintStream out) {
        String every = in.option(EVERY);
        String cron = in.option(CRON);
        String zone = in.option(ZONE);
        if ((every == null) == (cron == null)) {
            throw in.usage("give exactly one of --" + EVERY + " and --" + CRON);
        }
        if (zone != null && cron == null) {
            throw in.usage("--" + ZONE + " applies to --" + CRON + " only: an interval runs alike in every zone");
        }
        ScheduleSpec spec = every != null ? ScheduleSpec.every(in.arg(0), in.arg(1), in.args(2), interval(in, every))
                : ScheduleSpec.cron(in.arg(0), in.arg(1), in.args(2), cron, zone == null ? null : zone(in, zone));
        ScheduleSnapshot stored;
        try {
            stored = control.putSchedule(spec);
        } catch (SyncArgumentException e) {
            throw named(in, e);
        }
        print(stored, out);
    }

    void remove(Invocation in, PrintStream out) {
        if (!control.removeSchedule(in.arg(0))) {
            throw unknown(in.arg(0));
        }
        out.println("schedule " + Table.clean(in.arg(0)) + " removed");
    }

    private static void print(ScheduleSnapshot s, PrintStream out) {
        Table facts = new Table("SCHEDULE", s.spec().id());
        facts.row("origin", s.origin());
        facts.row("handler", s.spec().handlerId());
        facts.row("items", items(s.spec()));
        facts.row("when", when(s.spec()));
        facts.row("next run", Formats.iso(s.nextRunAt()));
        facts.row("last run", Formats.iso(s.lastRunAt()));
        facts.row("last request", lastRequest(s));
        facts.row("held", Formats.yesNo(s.held()));
        facts.row("runs", s.runs());
        facts.row("coalesced", s.coalesced());
        facts.print(out);
    }

    private static String items(ScheduleSpec spec) {
        return spec.syncsHandler() ? "(handler)" : String.join(",", spec.itemIds());
    }

    private static String when(ScheduleSpec spec) {
        return spec.every() != null ? EVERY + " " + Formats.duration(spec.every())
                : CRON + " " + spec.cron() + " in " + (spec.zone() == null ? "UTC" : spec.zone());
    }

    private static Object lastRequest(ScheduleSnapshot s) {
        return s.lastRequestId() == 0 ? "-" : s.lastRequestId();
    }

    private static UsageException unknown(String id) {
        return new UsageException("id: no schedule '" + Table.clean(id) + "' is known; try: schedules");
    }

    private static Duration interval(Invocation in, String text) {
        try {
            return Durations.parse(text); // the bound (at least a second) is the control service's
        } catch (IllegalArgumentException e) {
            throw in.usage("--" + EVERY + " '" + Table.clean(text) + "' " + e.getMessage());
        }
    }

    private static ZoneId zone(Invocation in, String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw in.usage("--" + ZONE + " '" + Table.clean(text) + "' is not a time zone (UTC, Europe/Paris, +02:00)");
        }
    }

    /**
     * The control service names the field of the spec it refused ({@code spec.cron}); the person
     * at the shell typed an argument or an option, so the message names that instead.
     */
    private static RuntimeException named(Invocation in, SyncArgumentException e) {
        String field = e.argument();
        String shown = switch (field) {
            case "spec.id" -> "<id>";
            case "spec.handlerId" -> "<handler>";
            case "spec.every", "spec.cron", "spec.zone" -> "--" + field.substring("spec.".length());
            default -> field.startsWith("spec.itemIds") ? "<item>" : null;
        };
        return shown == null ? e : in.usage(shown + " " + e.getMessage().substring(field.length() + 2));
    }
}
