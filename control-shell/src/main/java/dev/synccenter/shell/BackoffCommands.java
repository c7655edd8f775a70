package dev.synccenter.shell;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

import dev.synccenter.control.BackoffSnapshot;
import dev.synccenter.control.SyncControl;

/**
 * The commands about items in backoff after transient failures (C43): list them, and the two things
 * an operator can do about one, "retry now" and "give up". The control service checks the IDs and
 * whether the item is in backoff; its refusal names the argument and passes through.
 */
final class BackoffCommands {

    private final SyncControl control;

    BackoffCommands(SyncControl control) {
        this.control = control;
    }

    void backoffs(Invocation in, PrintStream out) {
        List<BackoffSnapshot> backoffs = control.backoffs();
        if (backoffs.isEmpty()) {
            out.println("no item is in backoff");
            return;
        }
        Table table = new Table("HANDLER", "ITEM", "FAILURES", "DELAY", "RETRY AT", "WAITING REQUESTS", "REASON");
        for (BackoffSnapshot b : backoffs) {
            table.row(b.handlerId(), b.itemId(), b.failures(), Formats.duration(b.delay()), Formats.iso(b.retryAt()),
                    b.waitingRequests().stream().map(String::valueOf).collect(Collectors.joining(",")), b.reason());
        }
        table.print(out);
    }

    void retryNow(Invocation in, PrintStream out) {
        control.retryNow(in.arg(0), in.arg(1));
        // The waiting requests queue at once, but a disabled or inactive handler or item holds them (C45).
        out.println("item " + Table.clean(in.arg(1)) + " of handler " + Table.clean(in.arg(0))
                + ": backoff ended; the requests that waited for it run as soon as it can sync");
    }

    void giveUp(Invocation in, PrintStream out) {
        control.giveUp(in.arg(0), in.arg(1));
        out.println("item " + Table.clean(in.arg(1)) + " of handler " + Table.clean(in.arg(0))
                + ": given up; the requests that waited for it end it FAILED");
    }
}
