package dev.synccenter.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start-up of the distribution: a copy of {@code distribution/target/sync-center} (on a free port)
 * is started with {@code bin/sync-center}, and the time from starting the process to the command
 * endpoint answering {@code handlers} (which asks the SyncControl service) with {@code exit: 0} is
 * taken, and to the demo handler being listed. The first run has no framework cache (cold), the
 * others reuse it (warm). Options: {@code --home=<distribution> --runs=4}.
 */
public final class StartupHarness {

    private StartupHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(Report.option(args, "home", "../distribution/target/sync-center"));
        int runs = (int) Report.option(args, "runs", 4);
        if (!Files.isExecutable(dist.resolve("bin/sync-center"))) {
            throw new IllegalArgumentException("no distribution at " + dist);
        }
        Path home = Files.createTempDirectory("bench-dist");
        try {
            copy(dist, home);
            delete(home.resolve("felix-cache"));
            delete(home.resolve("logs"));
            delete(home.resolve("etc/security")); // a first start makes its own credential
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Files.writeString(home.resolve("etc/dev.synccenter.shell.remote.cfg"), "port=" + port + "\n");
            List<Double> warmReady = new ArrayList<>();
            List<Double> warmListed = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                double[] t = once(home, port);
                if (run == 0) {
                    Report.figure("startup.cold.ready", t[0], "ms");
                    Report.figure("startup.cold.demoListed", t[1], "ms");
                } else {
                    warmReady.add(t[0]);
                    warmListed.add(t[1]);
                }
            }
            if (!warmReady.isEmpty()) {
                Report.figure("startup.warm.ready", median(warmReady), "ms");
                Report.figure("startup.warm.demoListed", median(warmListed), "ms");
            }
        } finally {
            delete(home);
        }
    }

    /** Starts the distribution once; returns ms to the endpoint answering and to "demo" being listed. */
    static double[] once(Path home, int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/sync-center").toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("console.out").toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        double ready = -1;
        double listed = -1;
        try {
            long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && listed < 0) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the distribution exited with " + p.exitValue() + ": "
                            + Files.readString(home.resolve("console.out")));
                }
                String answer = ask(port, home, "handlers");
                if (answer != null && answer.contains("exit: 0")) {
                    long now = System.nanoTime();
                    if (ready < 0) {
                        ready = (now - t0) / 1e6;
                    }
                    if (answer.contains("demo")) {
                        listed = (now - t0) / 1e6;
                    }
                } else {
                    Thread.sleep(2);
                }
            }
            if (listed < 0) {
                throw new IllegalStateException("the distribution did not list the demo handler within 30 s");
            }
        } finally {
            p.destroy(); // SIGTERM: the framework stops cleanly
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        return new double[] {ready, listed};
    }

    /**
     * One command through the endpoint, with the operator's token from the file the first start
     * writes; null if the token or the endpoint is not there yet.
     */
    static String ask(int port, Path home, String command) {
        try (Socket s = new Socket()) {
            String token = Files.readAllLines(home.resolve("etc/security/operator.token")).stream()
                    .filter(l -> l.startsWith("token=")).findFirst().map(l -> l.substring(6)).orElse(null);
            if (token == null) {
                return null;
            }
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("token " + token + "\n" + command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder answer = new StringBuilder();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                answer.append(line).append('\n');
            }
            return answer.toString();
        } catch (IOException e) {
            return null;
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
