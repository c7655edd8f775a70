package dev.synccenter.shell;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.ItemSnapshot;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncRequest;

/** The commands about handlers and items: list them, start and stop their syncs, change their state. */
final class HandlerCommands {

    static final String IGNORE = "ignore-if-syncing";

    private final SyncControl control;

    HandlerCommands(SyncControl control) {
        this.control = control;
    }

    void handlers(Invocation in, PrintStream out) {
        Table table = new Table("ID", "NAME", "AVAILABILITY", "ACTIVE", "ENABLED", "QUEUED", "RUNNING", "COMMENT",
                "BUNDLE");
        for (HandlerSnapshot h : control.handlers()) {
            table.row(h.id(), h.name(), h.availability(), Formats.yesNo(h.active()), Formats.yesNo(h.enabled()),
                    h.queued(), h.running(), h.comment(), h.bundle());
        }
        table.print(out);
    }

    void items(Invocation in, PrintStream out) {
        HandlerSnapshot handler = control.handler(in.arg(0)).orElseThrow(() -> new UsageException(
                "handler: no handler '" + Table.clean(in.arg(0)) + "' is registered or parked"));
        Table table = new Table("ID", "NAME", "ENABLED", "SYNCING", "LAST SYNC", "COMMENT");
        for (ItemSnapshot item : handler.items()) {
            table.row(item.id(), item.name(), Formats.yesNo(item.enabled()), Formats.yesNo(item.syncing()),
                    item.lastSyncTime() == null ? "never" : Formats.DATE_TIME.format(item.lastSyncTime()),
                    item.comment());
        }
        table.print(out);
    }

    // ---- starting and stopping

    void start(Invocation in, PrintStream out) {
        SyncRequest request = control.startItemSync(in.arg(0), in.args(1), null, flags(in), null);
        out.println(request.id());
    }

    void startHandler(Invocation in, PrintStream out) {
        SyncRequest request = control.startHandlerSync(in.arg(0), null, flags(in), null);
        out.println(request.id());
    }

    private static Set<SyncControlFlag> flags(Invocation in) {
        return in.flag(IGNORE) ? Set.of(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING) : Set.of();
    }

    void startAll(Invocation in, PrintStream out) {
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

    void stop(Invocation in, PrintStream out) {
        List<String> items = in.args(1);
        control.stopItemSync(in.arg(0), items);
        out.println("stop requested: " + Table.clean(in.arg(0)) + " " + Table.clean(String.join(" ", items)));
    }

    void stopHandler(Invocation in, PrintStream out) {
        control.stopHandlerSync(in.arg(0));
        out.println("stop requested: " + Table.clean(in.arg(0)));
    }

    void stopAll(Invocation in, PrintStream out) {
        control.stopSyncAll();
        out.println("stop requested: all handlers");
    }

    // ---- state and metadata

    void enable(boolean enable, Invocation in, PrintStream out) {
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

    void activate(boolean activate, Invocation in, PrintStream out) {
        control.activateHandler(activate, in.arg(0), Set.of(ControlFlag.WAIT));
        out.println("handler " + Table.clean(in.arg(0)) + (activate ? " activated" : " deactivated"));
    }

    void update(Invocation in, PrintStream out) {
        if (in.size() == 0) {
            control.updateHandlerCollection(Set.of(ControlFlag.WAIT));
            out.println("all handlers updated");
        } else {
            control.updateHandler(in.arg(0), Set.of(ControlFlag.WAIT));
            out.println("handler " + Table.clean(in.arg(0)) + " updated");
        }
    }
}
