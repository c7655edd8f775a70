package dev.synccenter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the summary table of a run: reads JMH's CSV results ({@code dispatch.csv},
 * {@code scaling.csv}) and the harnesses' {@code results.tsv} from the results directory, and
 * compares each figure with its target. Usage: {@code Summary <results dir>}.
 */
public final class Summary {

    private final Map<String, Double> figures = new LinkedHashMap<>();
    private final Map<String, Double> dispatch = new LinkedHashMap<>();
    private final Map<String, Double> scaling = new LinkedHashMap<>();
    private final StringBuilder out = new StringBuilder();

    private Summary() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-results");
        Summary s = new Summary();
        s.read(dir);
        s.print();
        System.out.print(s.out);
        Files.writeString(dir.resolve("summary.md"), s.out);
    }

    private void read(Path dir) throws IOException {
        Path tsv = dir.resolve("results.tsv");
        if (Files.exists(tsv)) {
            for (String line : Files.readAllLines(tsv)) {
                String[] f = line.split("\t");
                if (f.length >= 2) {
                    figures.put(f[0], Double.parseDouble(f[1]));
                }
            }
        }
        readCsv(dir.resolve("dispatch.csv"), dispatch, List.of("impl", "items"));
        readCsv(dir.resolve("scaling.csv"), scaling, List.of("point"));
    }

    /** JMH CSV: keys "param1/param2" to the score. */
    private static void readCsv(Path csv, Map<String, Double> into, List<String> keyParams) throws IOException {
        if (!Files.exists(csv)) {
            return;
        }
        List<String> lines = Files.readAllLines(csv);
        List<String> header = split(lines.get(0));
        int score = header.indexOf("Score");
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = split(line);
            List<String> key = new ArrayList<>();
            for (String p : keyParams) {
                key.add(row.get(header.indexOf("Param: " + p)));
            }
            into.put(String.join("/", key), Double.parseDouble(row.get(score)));
        }
    }

    private static List<String> split(String csvLine) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : csvLine.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private String fig(String key, String format) {
        Double v = figures.get(key);
        return v == null ? "n/a" : String.format(Locale.ROOT, format, v);
    }

    private static String verdict(Double value, double target, boolean atLeast) {
        if (value == null) {
            return "not measured";
        }
        boolean ok = atLeast ? value >= target : value <= target;
        if (ok) {
            return "met";
        }
        double factor = atLeast ? target / value : value / target;
        return String.format(Locale.ROOT, "MISSED (%.1fx off)", factor);
    }

    private void print() {
        line("## Dispatch throughput (ops/s = delivered results per second; 128 in flight, 4 threads)");
        line("");
        line("| items/request | impl | ops/s | vs bare executor | engine vs this |");
        line("|---:|---|---:|---:|---:|");
        for (String items : List.of("1", "100")) {
            Double bare = dispatch.get("bare/" + items);
            Double engine = dispatch.get("engine/" + items);
            for (String impl : List.of("engine", "bare", "quartz", "eclipse")) {
                Double v = dispatch.get(impl + "/" + items);
                line("| %s | %s | %s | %s | %s |", items, impl, v == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", v),
                        v == null || bare == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v / bare),
                        v == null || engine == null ? "n/a" : String.format(Locale.ROOT, "%.2fx", engine / v));
            }
        }
        line("");
        line("## Targets");
        line("");
        line("| target | figure | verdict |");
        line("|---|---|---|");
        Double e1 = dispatch.get("engine/1");
        Double b1 = dispatch.get("bare/1");
        Double q1 = dispatch.get("quartz/1");
        line("| dispatch >= 1/2 of bare executor (1 item) | %s | %s |",
                e1 == null || b1 == null ? "n/a" : String.format(Locale.ROOT, "%.3f of bare", e1 / b1),
                e1 == null || b1 == null ? "not measured" : verdict(e1 / b1, 0.5, true));
        line("| dispatch >= 10x Quartz (1 item) | %s | %s |",
                e1 == null || q1 == null ? "n/a" : String.format(Locale.ROOT, "%.2fx Quartz", e1 / q1),
                e1 == null || q1 == null ? "not measured" : verdict(e1 / q1, 10, true));
        line("| p99 start-to-handler < 100 us at half of peak | %s us (from return), %s us (from call) | %s |",
                fig("latency.toHandler.p99", "%.1f"), fig("latency.callToHandler.p99", "%.1f"),
                verdict(figures.get("latency.toHandler.p99"), 100, false));
        line("| parked requests resume within 50 ms of registration (engine, max of swaps) | %s ms | %s |",
                fig("hotswap.pause.max", "%.2f"), verdict(figures.get("hotswap.pause.max"), 50, false));
        line("| ... same, real bundle update in Felix (max of updates) | %s ms | %s |",
                fig("felix.pause.max", "%.2f"), verdict(figures.get("felix.pause.max"), 50, false));
        line("| requests lost / duplicated over swaps (must be 0) | %s / %s (engine), %s / %s (Felix) | %s |",
                fig("hotswap.lost", "%.0f"), fig("hotswap.duplicated", "%.0f"), fig("felix.lost", "%.0f"),
                fig("felix.duplicated", "%.0f"), sum("hotswap.lost", "hotswap.duplicated", "felix.lost",
                        "felix.duplicated") == 0 ? "met" : "MISSED");
        line("| <= 200 bytes per queued request | %s bytes | %s |", fig("memory.bytesPerRequest", "%.0f"),
                verdict(figures.get("memory.bytesPerRequest"), 200, false));
        line("| start-up < 1 s (warm, to the endpoint answering) | %s ms (cold %s ms) | %s |",
                fig("startup.warm.ready", "%.0f"), fig("startup.cold.ready", "%.0f"),
                verdict(figures.get("startup.warm.ready"), 1000, false));
        line("");
        latency("latency", "Latency at half of peak (peak %s ops/s, paced at %s ops/s)");
        if (figures.containsKey("latencyLow.rate")) {
            latency("latencyLow", "Latency at a low rate, for comparison (paced at %2$s ops/s)");
        }
        line("## Hot swap");
        line("");
        line("| where | swaps | requests | parked | pause p50 ms | pause max ms | lost | duplicated | re-run (C27) |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        line("| engine, handlerRemoved + handlerAdded | %s | %s | %s | %s | %s | %s | %s | %s |",
                fig("hotswap.swaps", "%.0f"), fig("hotswap.requests", "%.0f"), fig("hotswap.parkedRequests", "%.0f"),
                fig("hotswap.pause.p50", "%.2f"), fig("hotswap.pause.max", "%.2f"), fig("hotswap.lost", "%.0f"),
                fig("hotswap.duplicated", "%.0f"), fig("hotswap.rerunC27", "%.0f"));
        line("| Felix, Bundle.update() of the demo handler | %s | %s | %s | %s | %s | %s | %s | %s |",
                fig("felix.updates", "%.0f"), fig("felix.requests", "%.0f"), fig("felix.parkedRequests", "%.0f"),
                fig("felix.pause.p50", "%.2f"), fig("felix.pause.max", "%.2f"), fig("felix.lost", "%.0f"),
                fig("felix.duplicated", "%.0f"), fig("felix.rerunC27", "%.0f"));
        line("");
        line("Engine: registration to the new service's metadata being read p50 %s ms (max %s); to the first "
                + "request of any kind running on it p50 %s ms (max %s).",
                fig("hotswap.toServed.p50", "%.2f"), fig("hotswap.toServed.max", "%.2f"),
                fig("hotswap.toAnyRun.p50", "%.2f"), fig("hotswap.toAnyRun.max", "%.2f"));
        line("");
        line("Felix: Bundle.update() call p50 %s ms (max %s); update call to new registration p50 %s ms (max %s).",
                fig("felix.updateCall.p50", "%.1f"), fig("felix.updateCall.max", "%.1f"),
                fig("felix.updateToRegistration.p50", "%.1f"), fig("felix.updateToRegistration.max", "%.1f"));
        line("");
        line("## Memory");
        line("");
        line("%s requests queued behind a blocked handler: %s bytes of heap per request; enqueued at %s/s; "
                + "close() cancelled them all in %s s.", fig("memory.requests", "%,.0f"),
                fig("memory.bytesPerRequest", "%.0f"), fig("memory.enqueueRate", "%,.0f"),
                fig("memory.closeSeconds", "%.1f"));
        line("");
        line("## Start-up of the distribution");
        line("");
        line("| run | endpoint answers `handlers` ms | demo handler listed ms |");
        line("|---|---:|---:|");
        line("| cold (no felix-cache) | %s | %s |", fig("startup.cold.ready", "%.0f"), fig("startup.cold.demoListed", "%.0f"));
        line("| warm (median) | %s | %s |", fig("startup.warm.ready", "%.0f"), fig("startup.warm.demoListed", "%.0f"));
        line("");
        line("## Scaling (engine unless marked bare)");
        line("");
        line("| handlers registered | ops/s (1 item per request) |");
        line("|---:|---:|");
        for (String n : List.of("1", "10", "100", "10000")) {
            Double v = scaling.get("handlers:" + n);
            line("| %s | %s |", n, v == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", v));
        }
        line("");
        line("| items per request | engine ops/s | engine items/s | bare ops/s | engine vs bare |");
        line("|---:|---:|---:|---:|---:|");
        for (String n : List.of("1", "10", "100", "1000")) {
            Double e = scaling.get("items:engine:" + n);
            Double b = scaling.get("items:bare:" + n);
            line("| %s | %s | %s | %s | %s |", n, e == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", e),
                    e == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", e * Integer.parseInt(n)),
                    b == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", b),
                    e == null || b == null ? "n/a" : String.format(Locale.ROOT, "%.3f", e / b));
        }
        line("");
        List<String> loads = new ArrayList<>();
        figures.forEach((k, v) -> {
            if (k.startsWith("load.")) {
                String phase = k.substring(5);
                loads.add(String.format(Locale.ROOT, "%s %.2f (others %s%%)", phase, v,
                        fig("others." + phase, "%.0f")));
            }
        });
        line("Before each phase: 1-min load average, which still counts this run's previous phase, and (in "
                + "brackets) the CPU other processes used in the idle second before it: %s",
                loads.isEmpty() ? "n/a" : String.join(", ", loads));
    }

    private void latency(String p, String title) {
        line("## " + title, fig(p + ".peak", "%,.0f"), fig(p + ".rate", "%,.0f"));
        line("");
        line("| interval | p50 us | p99 us | p99.9 us | max us |");
        line("|---|---:|---:|---:|---:|");
        for (String[] k : new String[][] {{".toHandler", "start returned -> synchronize entered"},
                {".toResult", "start returned -> result delivered"},
                {".callToHandler", "start called -> synchronize entered"},
                {".callToResult", "start called -> result delivered"},
                {".startCall", "duration of the start call"}}) {
            line("| %s | %s | %s | %s | %s |", k[1], fig(p + k[0] + ".p50", "%.1f"), fig(p + k[0] + ".p99", "%.1f"),
                    fig(p + k[0] + ".p99.9", "%.1f"), fig(p + k[0] + ".max", "%.1f"));
        }
        line("");
        line("synchronize entered before the start call returned: %s of %s requests; generator's worst lag behind "
                + "schedule: %s us", fig(p + ".enteredBeforeReturn", "%.0f"), fig(p + ".toHandler.count", "%.0f"),
                fig(p + ".generatorMaxLag", "%.0f"));
        line("");
    }

    private double sum(String... keys) {
        double s = 0;
        for (String k : keys) {
            s += figures.getOrDefault(k, 0.0);
        }
        return s;
    }
}
