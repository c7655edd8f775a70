package dev.synccenter.shell;

import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongToIntFunction;
import java.util.stream.Collectors;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.ItemSnapshot;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;

/**
 * The {@code sync:} commands, free of Gogo and OSGi so that they can be tested with a plain
 * {@link SyncControl}. Each command writes aligned tables or short lines to the given stream and
 * reports a bad command line or a refused call by throwing: a {@link UsageException}, or the
 * control service's own {@code SyncArgumentException} or {@code SyncRefusedException}, whose
 * message is one line.
 */
final class SyncCommands {

    /** Every command, with its usage line, in the order {@code sync:help} lists them. */
    static final Map<String, String> USAGE = Invocation.usages(
            "handlers", "handlers",
            "items", "items <handler>",
            "start", "start <handler> <item>... [--ignore-if-syncing]",
            "start-handler", "start-handler <handler> [--ignore-if-syncing]",
            "start-all", "start-all",
            "stop", "stop <handler> <item>...",
            "stop-handler", "stop-handler <handler>",
            "stop-all", "stop-all",
            "enable", "enable <handler> [item]",
            "disable", "disable <handler> [item]",
            "activate", "activate <handler>",
            "deactivate", "deactivate <handler>",
            "update", "update [handler]",
            "requests", "requests",
            "request", "request <id>",
            "follow", "follow <id>",
            "wait", "wait <id> [timeout-seconds]",
            "events", "events [--handler h] [--item i] [--level INFORMATION|WARNING|ERROR] [--limit n]",
            "conflicts", "conflicts [handler [item]]",
            "load", "load <handler> <count> <item>... [--in-flight n]",
            "load-status", "load-status",
            "load-stop", "load-stop",
            "vm", "vm [--gc]",
            "help", "help");

    /** Seconds {@code wait} waits when no timeout is given. */
    static final long DEFAULT_WAIT_SECONDS = 60;
    /** Events {@code events} lists when no limit is given. */
    static final int DEFAULT_EVENT_LIMIT = 50;

    private static final Set<String> NO_OPTIONS = Set.of();
    private static final String IGNORE = "ignore-if-syncing";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final SyncControl control;
    private final LongToIntFunction resultsDelivered;
    private final Duration pollInterval;
    private final LoadGenerator load;

    /**
     * @param resultsDelivered how many results the shell saw delivered for a request ID
     * @param pollInterval how often {@code follow} and {@code wait} look at a request
     */
    SyncCommands(SyncControl control, LongToIntFunction resultsDelivered, Duration pollInterval) {
        this.control = control;
        this.resultsDelivered = resultsDelivered;
        this.pollInterval = pollInterval;
        this.load = new LoadGenerator(control);
    }

    /** Runs one command with its arguments, as Gogo passes them (without the command name). */
    void execute(String command, List<String> args, PrintStream out) throws InterruptedException {
        String usage = USAGE.get(command);
        if (usage == null) {
            throw new UsageException("unknown command '" + command + "'; try: help");
        }
        switch (command) {
            case "handlers" -> handlers(plain(command, usage, args).expect(0, 0), out);
            case "items" -> items(plain(command, usage, args).expect(1, 1, "handler"), out);
            case "start" -> start(new Invocation(command, usage, args, Set.of(IGNORE), NO_OPTIONS)
                    .expect(2, Integer.MAX_VALUE, "handler", "item"), out);
            case "start-handler" -> startHandler(new Invocation(command, usage, args, Set.of(IGNORE), NO_OPTIONS)
                    .expect(1, 1, "handler"), out);
            case "start-all" -> startAll(plain(command, usage, args).expect(0, 0), out);
            case "stop" -> stop(plain(command, usage, args).expect(2, Integer.MAX_VALUE, "handler", "item"), out);
            case "stop-handler" -> stopHandler(plain(command, usage, args).expect(1, 1, "handler"), out);
            case "stop-all" -> stopAll(plain(command, usage, args).expect(0, 0), out);
            case "enable", "disable" -> enable(command.equals("enable"),
                    plain(command, usage, args).expect(1, 2, "handler", "item"), out);
            case "activate", "deactivate" -> activate(command.equals("activate"),
                    plain(command, usage, args).expect(1, 1, "handler"), out);
            case "update" -> update(plain(command, usage, args).expect(0, 1, "handler"), out);
            case "requests" -> requests(plain(command, usage, args).expect(0, 0), out);
            case "request" -> request(plain(command, usage, args).expect(1, 1, "id"), out);
            case "follow" -> follow(plain(command, usage, args).expect(1, 1, "id"), out);
            case "wait" -> await(plain(command, usage, args).expect(1, 2, "id", "timeout-seconds"), out);
            case "events" -> events(new Invocation(command, usage, args, NO_OPTIONS,
                    Set.of("handler", "item", "level", "limit")).expect(0, 0), out);
            case "conflicts" -> conflicts(plain(command, usage, args).expect(0, 2, "handler", "item"), out);
            case "load" -> load(new Invocation(command, usage, args, NO_OPTIONS, Set.of("in-flight"))
                    .expect(3, Integer.MAX_VALUE, "handler", "count", "item"), out);
            case "load-status" -> loadStatus(plain(command, usage, args).expect(0, 0), out);
            case "load-stop" -> {
                plain(command, usage, args).expect(0, 0);
                load.stop();
                out.println("load stopping");
            }
            case "vm" -> vm(new Invocation(command, usage, args, Set.of("gc"), NO_OPTIONS).expect(0, 0), out);
            case "help" -> help(plain(command, usage, args).expect(0, 0), out);
            default -> throw new UsageException("unknown command '" + command + "'; try: help");
        }
        out.flush();
    }

    private static Invocation plain(String command, String usage, List<String> args) {
        return new Invocation(command, usage, args, NO_OPTIONS, NO_OPTIONS);
    }

    // ---- handlers and items

    private void handlers(Invocation in, PrintStream out) {
        Table table = new Table("ID", "NAME", "AVAILABILITY", "ACTIVE", "ENABLED", "QUEUED", "RUNNING", "COMMENT",
                "BUNDLE");
        for (HandlerSnapshot h : control.handlers()) {
            table.row(h.id(), h.name(), h.availability(), yesNo(h.active()), yesNo(h.enabled()), h.queued(),
                    h.running(), h.comment(), h.bundle());
        }
        table.print(out);
    }

    private void items(Invocation in, PrintStream out) {
        HandlerSnapshot handler = handler(in.arg(0));
        Table table = new Table("ID", "NAME", "ENABLED", "SYNCING", "LAST SYNC", "COMMENT");
        for (ItemSnapshot item : handler.items()) {
            table.row(item.id(), item.name(), yesNo(item.enabled()), yesNo(item.syncing()),
                    item.lastSyncTime() == null ? "never" : DATE_TIME.format(item.lastSyncTime()), item.comment());
        }
        table.print(out);
    }

    private HandlerSnapshot handler(String id) {
        return control.handler(id).orElseThrow(() -> new UsageException(
                "handler: no handler '" + Table.clean(id) + "' is registered or parked"));
    }

    // ---- starting and stopping

    private void start(Invocation in, PrintStream out) {
        SyncRequest request = control.startItemSync(in.arg(0), in.args(1), null, flags(in), null);
        out.println(request.id());
    }

    private void startHandler(Invocation in, PrintStream out) {
        SyncRequest request = control.startHandlerSync(in.arg(0), null, flags(in), null);
        out.println(request.id());
    }

    private static Set<SyncControlFlag> flags(Invocation in) {
        return in.flag(IGNORE) ? Set.of(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING) : Set.of();
    }

    private void startAll(Invocation in, PrintStream out) {
        List<SyncRequest> started = control.startSyncAll();
        if (started.isEmpty()) {
            out.println("no handler was started: none is active, enabled and allowed to sync");
            return;
        }
        Table table = new Table("REQUEST", "HANDLER");
        for (SyncRequest request : started) {
            table.row(request.id(), request.handlerId());
        }
        table.print(out);
    }

    private void stop(Invocation in, PrintStream out) {
        List<String> items = in.args(1);
        control.stopItemSync(in.arg(0), items);
        out.println("stop requested: " + Table.clean(in.arg(0)) + " " + Table.clean(String.join(" ", items)));
    }

    private void stopHandler(Invocation in, PrintStream out) {
        control.stopHandlerSync(in.arg(0));
        out.println("stop requested: " + Table.clean(in.arg(0)));
    }

    private void stopAll(Invocation in, PrintStream out) {
        control.stopSyncAll();
        out.println("stop requested: all handlers");
    }

    // ---- state and metadata

    private void enable(boolean enable, Invocation in, PrintStream out) {
        String handler = in.arg(0);
        String item = in.arg(1, null);
        if (item == null) {
            control.enableHandler(enable, handler, Set.of(ControlFlag.WAIT));
            out.println("handler " + Table.clean(handler) + (enable ? " enabled" : " disabled"));
        } else {
            control.enableItem(enable, handler, item, Set.of(ControlFlag.WAIT));
            out.println("item " + Table.clean(item) + " of handler " + Table.clean(handler)
                    + (enable ? " enabled" : " disabled"));
        }
    }

    private void activate(boolean activate, Invocation in, PrintStream out) {
        control.activateHandler(activate, in.arg(0), Set.of(ControlFlag.WAIT));
        out.println("handler " + Table.clean(in.arg(0)) + (activate ? " activated" : " deactivated"));
    }

    private void update(Invocation in, PrintStream out) {
        if (in.size() == 0) {
            control.updateHandlerCollection(Set.of(ControlFlag.WAIT));
            out.println("all handlers updated");
        } else {
            control.updateHandler(in.arg(0), Set.of(ControlFlag.WAIT));
            out.println("handler " + Table.clean(in.arg(0)) + " updated");
        }
    }

    // ---- requests

    private void requests(Invocation in, PrintStream out) {
        Table table = new Table("REQUEST", "HANDLER", "KIND", "PHASE", "ACCEPTED", "ITEM", "STATUS", "PROGRESS",
                "TEXT");
        for (RequestSnapshot r : control.requests()) {
            if (r.items().isEmpty()) {
                table.row(r.id(), r.handlerId(), r.kind(), r.phase(), TIME.format(r.acceptedAt()),
                        "(every enabled item)", "-", "-", "-");
                continue;
            }
            boolean first = true;
            for (ItemProgress item : r.items()) {
                Object blank = Table.BLANK;
                table.row(first ? r.id() : blank, first ? r.handlerId() : blank, first ? r.kind() : blank,
                        first ? r.phase() : blank, first ? TIME.format(r.acceptedAt()) : blank, item.itemId(),
                        item.status(), percent(item), item.text());
                first = false;
            }
        }
        if (table.isEmpty()) {
            out.println("no request is queued, parked or running");
            return;
        }
        table.print(out);
    }

    private void request(Invocation in, PrintStream out) {
        RequestSnapshot r = snapshot(in, in.arg(0));
        Table facts = new Table("REQUEST", String.valueOf(r.id()));
        facts.row("handler", r.handlerId());
        facts.row("kind", r.kind());
        facts.row("flags", r.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        facts.row("phase", r.phase());
        facts.row("accepted", DATE_TIME.format(r.acceptedAt()));
        facts.row("started", r.startedAt() == null ? "-" : DATE_TIME.format(r.startedAt()));
        SyncResult result = r.result();
        if (result != null) {
            facts.row("result", result.status());
            facts.row("errors", result.errorCount());
            facts.row("conflicts", result.conflictCount());
            facts.row("reason", result.reason());
            facts.row("results delivered", resultsDelivered.applyAsInt(r.id()));
        }
        facts.print(out);
        Table items = new Table("ITEM", "STATUS", "PROGRESS", "TEXT");
        for (ItemProgress item : r.items()) {
            items.row(item.itemId(), result != null && result.items().containsKey(item.itemId())
                    ? result.items().get(item.itemId()) : item.status(), percent(item), item.text());
        }
        if (result != null) {
            for (Map.Entry<String, dev.synccenter.control.ProgressStatus> e : result.items().entrySet()) {
                if (r.items().stream().noneMatch(i -> i.itemId().equals(e.getKey()))) {
                    items.row(e.getKey(), e.getValue(), "100%", "-");
                }
            }
        }
        if (!items.isEmpty()) {
            out.println();
            items.print(out);
        }
    }

    private void follow(Invocation in, PrintStream out) throws InterruptedException {
        long id = requestId(in, in.arg(0));
        String last = null;
        while (true) {
            RequestSnapshot r = snapshot(id);
            String line = progressLine(r);
            if (!line.equals(last)) {
                out.println(line);
                out.flush();
                last = line;
            }
            if (r.phase() == RequestPhase.DONE || out.checkError()) {
                return; // done, or nobody reads any more
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    private void await(Invocation in, PrintStream out) throws InterruptedException {
        long id = requestId(in, in.arg(0));
        long seconds = in.size() > 1 ? in.number("timeout-seconds", in.arg(1), 0, 86_400) : DEFAULT_WAIT_SECONDS;
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (true) {
            RequestSnapshot r = snapshot(id);
            if (r.phase() == RequestPhase.DONE) {
                out.println(progressLine(r));
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new WaitTimeoutException("wait: request " + id + " is still " + r.phase() + " after "
                        + seconds + " s");
            }
            Thread.sleep(Math.min(pollInterval.toMillis(),
                    Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
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

    private RequestSnapshot snapshot(Invocation in, String id) {
        return snapshot(requestId(in, id));
    }

    private RequestSnapshot snapshot(long id) {
        return control.request(id).orElseThrow(() -> new UsageException("id: no request " + id
                + " is known (finished requests are kept up to the engine's request.history)"));
    }

    private static long requestId(Invocation in, String id) {
        return in.number("id", id, 1, Long.MAX_VALUE);
    }

    static String percent(ItemProgress item) {
        double fraction = item.fraction();
        return fraction < 0 ? "-" : Math.round(fraction * 100) + "%";
    }

    // ---- events, conflicts, help

    private void events(Invocation in, PrintStream out) {
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
                : (int) in.number("n", in.option("limit"), 0, Integer.MAX_VALUE);
        filter = filter.newest(limit);
        Table table = new Table("TIME", "LEVEL", "HANDLER", "ITEM", "REQUEST", "NAME", "DESCRIPTION");
        for (SyncEvent e : control.events(filter)) {
            table.row(DATE_TIME.format(e.time()), e.level(), e.handlerId(), e.itemId(),
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

    private void conflicts(Invocation in, PrintStream out) {
        Table table = new Table("HANDLER", "ITEM", "ID", "NAME", "DESCRIPTION");
        for (SyncConflict c : control.conflicts(in.arg(0, null), in.arg(1, null))) {
            table.row(c.handlerId(), c.itemId(), c.id(), c.name(), c.description());
        }
        if (table.isEmpty()) {
            out.println("no conflicts");
            return;
        }
        table.print(out);
    }

    private void help(Invocation in, PrintStream out) {
        List<String> lines = new ArrayList<>();
        USAGE.values().forEach(u -> lines.add("sync:" + u));
        lines.forEach(out::println);
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    // ---- load tool and VM figures (the soak uses them)

    private void load(Invocation in, PrintStream out) {
        String handler = in.arg(0);
        long count = in.number("count", in.arg(1), 1, Long.MAX_VALUE);
        String inFlightText = in.option("in-flight");
        int inFlight = (int) in.number("in-flight", inFlightText == null ? "1000" : inFlightText, 1, 100_000);
        List<String> items = in.args(2);
        load.start(handler, items, count, inFlight);
        out.println("load started: " + count + " requests of " + handler + " " + items + ", at most " + inFlight
                + " in flight");
    }

    private void loadStatus(Invocation in, PrintStream out) {
        LoadGenerator.Status s = load.status();
        double seconds = Math.max(0.001, s.elapsedMillis() / 1000.0);
        Table table = new Table("HANDLER", "TARGET", "ACCEPTED", "REFUSED", "RESULTS", "NOT-SUCCEEDED", "DUPLICATES",
                s.running() ? "IN-FLIGHT" : "LOST", "RUNNING", "SECONDS", "RESULTS/S");
        table.row(s.handlerId(), s.target(), s.accepted(), s.refused(), s.results(), s.notSucceeded(),
                s.duplicates(), s.inFlightOrLost(), yesNo(s.running()), String.format(Locale.ROOT, "%.1f", seconds),
                String.format(Locale.ROOT, "%.0f", s.results() / seconds));
        table.print(out);
    }

    private static void vm(Invocation in, PrintStream out) {
        if (in.flag("gc")) {
            System.gc(); // an explicit collection, so that "used" means live data
        }
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        Set<Thread> all = Thread.getAllStackTraces().keySet();
        int threads = all.size();
        long syncThreads = all.stream().filter(t -> t.getName().startsWith("sync-")).count();
        Table table = new Table("HEAP-USED-BYTES", "HEAP-MAX-BYTES", "THREADS", "SYNC-THREADS");
        table.row(used, rt.maxMemory(), threads, syncThreads);
        table.print(out);
    }
}
