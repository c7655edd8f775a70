package dev.synccenter.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * The PostgreSQL side of the durable baselines: one schema per implementation and round (created
 * empty, dropped afterwards, so that runs are independent of each other and of what a crashed run
 * left), DDL scripts run into it, and the CPU time the database server spends, which a JVM's own
 * process CPU time does not see.
 */
final class Postgres {

    /** The environment variable with the JDBC URL of the database the baselines run on. */
    static final String URL_VARIABLE = "SYNCCENTER_BENCH_PG_URL";

    private Postgres() {
    }

    /** A schema of the database at {@code baseUrl}; nothing is created until {@link Schema#create()}. */
    static Schema schema(String baseUrl, String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain schema name: " + name);
        }
        return new Schema(baseUrl, name);
    }

    /** The URL from {@link #URL_VARIABLE}, or a clear failure saying how to get one. */
    static String urlFromEnvironment(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(URL_VARIABLE + " is not set: the durable baselines need a PostgreSQL"
                    + " database, e.g. " + URL_VARIABLE + "=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres."
                    + " benchmarks/durable.sh starts a throwaway cluster and sets it.");
        }
        if (!value.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException(URL_VARIABLE + " must be a jdbc:postgresql: URL, not " + value);
        }
        return value;
    }

    record Schema(String baseUrl, String name) {

        /** The base URL with {@code currentSchema} set, so that unqualified table names land here. */
        String url() {
            return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        /**
         * Drops what a previous run may have left under this name, creates the schema and runs a DDL
         * script (several statements, {@code --} comments) in it.
         */
        void create(InputStream ddl, String what) throws SQLException, IOException {
            try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
                s.execute("CREATE SCHEMA " + name);
            }
            run(ddl, what);
        }

        void drop() {
            try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            } catch (SQLException e) {
                System.err.println("could not drop schema " + name + ": " + e.getMessage());
            }
        }

        private void run(InputStream script, String what) throws SQLException, IOException {
            if (script == null) {
                throw new IOException(what + " not found on the class path");
            }
            String sql;
            try (script) {
                sql = new String(script.readAllBytes(), StandardCharsets.UTF_8);
            }
            // pgjdbc splits a multi-statement string itself; a script's own COMMIT only warns.
            try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        long rows(String table) throws SQLException {
            try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /**
     * What a PostgreSQL server did, read before and after a measured window: its CPU time, when it
     * runs on this machine (the postmaster and all its children: backends, WAL writer,
     * checkpointer; ended children through the postmaster's cutime/cstime), and from its statistics
     * the transactions committed and the WAL syncs (the fsyncs a commit waits for). The statistics
     * lag by up to about a second (backends flush them at most once a second), which in a steady
     * closed loop shifts both ends of a window alike.
     */
    static final class Server {
        /** No server to read (the stand-in of the smoke test). */
        static final Server NONE = new Server(null, -1);
        /** /proc reports in USER_HZ, which Linux fixes at 100 for user space. */
        private static final long NANOS_PER_TICK = 10_000_000L;
        private final String url;
        private final long postmaster;

        private Server(String url, long postmaster) {
            this.url = url;
            this.postmaster = postmaster;
        }

        /** CPU in ns, commits and WAL syncs so far; -1 for what cannot be read. */
        record Sample(long cpuNanos, long commits, long walSyncs) {
        }

        /** Finds the postmaster as the parent of this connection's backend, if it is a local process. */
        static Server of(String url) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
                r.next();
                long backend = r.getLong(1);
                String[] stat = stat(backend);
                // A backend with this pid on this machine named postgres is ours (a remote server's
                // pid would name another process or none).
                if (stat == null || !Files.readString(Path.of("/proc", Long.toString(backend), "comm")).trim()
                        .equals("postgres")) {
                    return new Server(url, -1);
                }
                return new Server(url, Long.parseLong(stat[1]));
            } catch (SQLException | IOException | RuntimeException e) {
                return new Server(url, -1);
            }
        }

        boolean hasCpu() {
            return postmaster >= 0;
        }

        Sample sample() {
            long commits = -1;
            long walSyncs = -1;
            if (url != null) {
                try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("SELECT (SELECT xact_commit FROM pg_stat_database"
                                + " WHERE datname = current_database()), (SELECT wal_sync FROM pg_stat_wal)")) {
                    r.next();
                    commits = r.getLong(1);
                    walSyncs = r.getLong(2);
                } catch (SQLException e) {
                    // statistics not readable (an older server, no rights): those columns say n/a
                }
            }
            return new Sample(cpuNanos(), commits, walSyncs);
        }

        private long cpuNanos() {
            if (postmaster < 0) {
                return -1;
            }
            String[] own = stat(postmaster);
            if (own == null) {
                return -1;
            }
            long ticks = field(own, 11) + field(own, 12) + field(own, 13) + field(own, 14);
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String n = p.getFileName().toString();
                    if (!n.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    String[] child = stat(Long.parseLong(n));
                    if (child != null && Long.parseLong(child[1]) == postmaster) {
                        ticks += field(child, 11) + field(child, 12) + field(child, 13) + field(child, 14);
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            return ticks * NANOS_PER_TICK;
        }

        /**
         * Busy time of all CPUs of this machine so far (the first line of /proc/stat less idle and
         * iowait), -1 when not readable.
         */
        static long machineBusyNanos() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split(" +");
                // cpu user nice system idle iowait irq softirq steal ...
                long busy = 0;
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                    busy += Long.parseLong(f[i]);
                }
                return busy * NANOS_PER_TICK;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /**
         * The fields of /proc/PID/stat after the command name (which may hold spaces): [0] state,
         * [1] ppid, ..., [11] utime, [12] stime, [13] cutime, [14] cstime; null if gone.
         */
        private static String[] stat(long pid) {
            try {
                String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return s.substring(s.lastIndexOf(')') + 2).split(" ");
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        private static long field(String[] stat, int i) {
            return Long.parseLong(stat[i]);
        }
    }
}
