package dev.synccenter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording and prints where the CPU samples went: the top methods by self samples (with
 * the line number of the hottest line), the engine's own frames by inclusive samples, and the
 * allocation samples by the engine frame that allocated. Usage: {@code JfrTop <file.jfr or dir> [n]}.
 */
public final class JfrTop {

    private static final String ENGINE = "dev.synccenter.impl.";

    private JfrTop() {
    }

    public static void main(String[] args) throws IOException {
        Path path = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                files = s.filter(p -> p.toString().endsWith(".jfr")).toList();
            }
        } else {
            files = List.of(path);
        }
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> allocByEngineFrame = new HashMap<>();
        Map<String, Long> threadStarts = new HashMap<>();
        Map<String, Long> parkedAt = new HashMap<>();
        double[] cpu = new double[3];
        long cpuEvents = 0;
        long samples = 0;
        long allocTotal = 0;
        for (Path f : files) {
            for (RecordedEvent e : RecordingFile.readAllEvents(f)) {
                String type = e.getEventType().getName();
                if (type.equals("jdk.CPULoad")) {
                    cpu[0] += e.getFloat("jvmUser");
                    cpu[1] += e.getFloat("jvmSystem");
                    cpu[2] += e.getFloat("machineTotal");
                    cpuEvents++;
                    continue;
                }
                if (type.equals("jdk.ThreadStart")) {
                    String name = e.getThread("thread") == null ? "?" : e.getThread("thread").getJavaName();
                    threadStarts.merge(name == null ? "?" : name.replaceAll("[- ]?\\d+$", ""), 1L, Long::sum);
                    continue;
                }
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) {
                    continue;
                }
                if (type.equals("jdk.ExecutionSample")) {
                    samples++;
                    List<RecordedFrame> frames = st.getFrames();
                    self.merge(frame(frames.get(0)), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame fr : frames) {
                        String m = method(fr);
                        if (m.startsWith(ENGINE) && seen.add(m)) {
                            inclusive.merge(m, 1L, Long::sum);
                        }
                    }
                } else if (type.equals("jdk.ThreadPark") || type.equals("jdk.JavaMonitorEnter")) {
                    for (RecordedFrame fr : st.getFrames()) {
                        if (method(fr).startsWith(ENGINE)) {
                            parkedAt.merge(type.substring(4) + " in " + frame(fr), e.getDuration().toNanos(),
                                    Long::sum);
                            break;
                        }
                    }
                } else if (type.equals("jdk.ObjectAllocationSample")) {
                    long weight = e.getLong("weight");
                    allocTotal += weight;
                    for (RecordedFrame fr : st.getFrames()) {
                        if (method(fr).startsWith(ENGINE)) {
                            String cls = e.getClass("objectClass").getName();
                            allocByEngineFrame.merge(frame(fr) + " allocates " + cls, weight, Long::sum);
                            break;
                        }
                    }
                }
            }
        }
        if (cpuEvents > 0) {
            System.out.printf(Locale.ROOT, "CPU load (mean of %d readings, of all cores): JVM user %.0f%%, JVM system %.0f%%,"
                    + " machine %.0f%%%n", cpuEvents, 100 * cpu[0] / cpuEvents, 100 * cpu[1] / cpuEvents,
                    100 * cpu[2] / cpuEvents);
        }
        System.out.printf(Locale.ROOT, "Threads started during the recording: %s%n", threadStarts);
        System.out.printf(Locale.ROOT, "CPU samples: %d%n%nTop %d frames by self samples (method:line):%n", samples, n);
        print(self, samples, n, "%");
        System.out.printf(Locale.ROOT, "%nEngine methods by inclusive samples:%n");
        print(inclusive, samples, n, "%");
        System.out.printf(Locale.ROOT, "%nBlocked time (parks and monitor waits over the recording's threshold) by the"
                + " innermost engine frame, ms:%n");
        parkedAt.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %8.1f  %s%n", e.getValue() / 1e6, e.getKey()));
        System.out.printf(Locale.ROOT, "%nAllocation (sampled weight) by the innermost engine frame, of %,d bytes:%n",
                allocTotal);
        print(allocByEngineFrame, allocTotal, n, "%");
    }

    private static void print(Map<String, Long> counts, long total, int n, String unit) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %6.2f%s  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                        unit, e.getKey()));
    }

    private static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String frame(RecordedFrame f) {
        return method(f) + ":" + f.getLineNumber();
    }
}
