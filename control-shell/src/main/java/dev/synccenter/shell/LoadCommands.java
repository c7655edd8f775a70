package dev.synccenter.shell;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.synccenter.control.SyncControl;

/** The load tool and the VM figures, which the soak test drives through {@code bin/sync}. */
final class LoadCommands {

    private final LoadGenerator load;

    LoadCommands(SyncControl control) {
        this.load = new LoadGenerator(control);
    }

    void load(Invocation in, PrintStream out) {
        String handler = in.arg(0);
        long count = in.number("count", in.arg(1), 1, Long.MAX_VALUE);
        String inFlightText = in.option("in-flight");
        int inFlight = (int) in.number("--in-flight", inFlightText == null ? "1000" : inFlightText, 1, 100_000);
        List<String> items = in.args(2);
        load.start(handler, items, count, inFlight);
        out.println("load started: " + count + " requests of " + handler + " " + items + ", at most " + inFlight
                + " in flight");
    }

    void status(Invocation in, PrintStream out) {
        LoadGenerator.Status s = load.status();
        double seconds = Math.max(0.001, s.elapsedMillis() / 1000.0);
        Table table = new Table("HANDLER", "TARGET", "ACCEPTED", "REFUSED", "RESULTS", "NOT-SUCCEEDED", "DUPLICATES",
                s.running() ? "IN-FLIGHT" : "LOST", "RUNNING", "SECONDS", "RESULTS/S");
        table.row(s.handlerId(), s.target(), s.accepted(), s.refused(), s.results(), s.notSucceeded(),
                s.duplicates(), s.inFlightOrLost(), Formats.yesNo(s.running()),
                String.format(Locale.ROOT, "%.1f", seconds), String.format(Locale.ROOT, "%.0f", s.results() / seconds));
        table.print(out);
    }

    void stop(Invocation in, PrintStream out) {
        load.stop();
        out.println("load stopping");
    }

    static void vm(Invocation in, PrintStream out) {
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
