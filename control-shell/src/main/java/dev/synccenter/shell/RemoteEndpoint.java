package dev.synccenter.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command endpoint for scripts: listens on 127.0.0.1 only, reads one command line per
 * connection, runs it as a {@code sync:} command ({@link CommandLine}: {@code start demo alpha}
 * means {@code sync:start demo alpha}; another scope is refused), writes the output and then a
 * last line {@code exit: <status>} (see {@link ExitStatus}), and closes the connection.
 * {@code bin/sync} is its client. Anyone who can connect to the port on this machine can run any
 * {@code sync:} command: keep it on loopback, or set the port to 0.
 *
 * <p>It runs the commands itself, on its own threads, rather than through a Gogo session: a
 * session would redirect {@code System.err} of the command's thread, and of every thread started
 * under it, to the caller, and so send the platform's log lines to whoever ran the command
 * instead of the log. For the same reason its threads inherit no thread-locals.
 *
 * <p>While the control service is missing there are no {@code sync:} commands: every line is then
 * answered with status {@value ExitStatus#NOT_READY} (what {@code bin/sync --wait-ready} waits out).
 * A configuration change restarts the component (no {@code @Modified}): the old socket is closed
 * before the new one is opened.
 */
@Component(configurationPid = RemoteEndpoint.PID, service = {}, immediate = true)
@Designate(ocd = RemoteConfig.class)
public final class RemoteEndpoint {

    static final String PID = "dev.synccenter.shell.remote";
    static final String EXIT_PREFIX = "exit: ";
    static final String NOT_READY = "the sync commands are not available: the control service is not running"
            + " (yet); see the platform's log";
    private static final int MAX_LINE_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RemoteEndpoint.class);

    /** The commands while the shell is active, that is while the control service is there. */
    @Reference(service = SyncCommands.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile SyncCommands commands;

    private final int readTimeoutMs;
    private final ServerSocket server;
    private final ThreadPoolExecutor workers;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /** Takes the raw properties, so that a bad value costs only that value (ConfigValues). */
    @Activate
    public RemoteEndpoint(Map<String, Object> properties) {
        ConfigValues config = new ConfigValues(properties, PID);
        int port = config.number("port", 0, 65_535, 7654);
        int maxConnections = config.number("max.connections", 1, 256, 8);
        this.readTimeoutMs = config.number("read.timeout.ms", 1, 600_000, 10_000);
        if (port == 0) {
            LOG.info("Command endpoint is off (port=0 in {})", config.source());
            server = null;
            workers = null;
            acceptor = null;
            return;
        }
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
        } catch (IOException e) {
            LOG.error("Command endpoint cannot listen on 127.0.0.1:{}: {}", port, e.toString());
            closeQuietly(socket);
            socket = null;
        }
        server = socket;
        if (server == null) {
            workers = null;
            acceptor = null;
            return;
        }
        AtomicInteger count = new AtomicInteger();
        workers = new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> thread(r, "sync-shell-remote-" + count.incrementAndGet()));
        acceptor = thread(this::acceptLoop, "sync-shell-remote-accept");
        acceptor.start();
        LOG.info("Command endpoint listening on 127.0.0.1:{}", server.getLocalPort());
    }

    /**
     * A daemon thread that inherits no thread-locals: not Gogo's stream redirection of whatever
     * thread activated this component.
     */
    private static Thread thread(Runnable task, String name) {
        Thread t = new Thread(null, task, name, 0, false);
        t.setDaemon(true);
        return t;
    }

    @Deactivate
    void deactivate() {
        if (server == null) {
            return;
        }
        closeQuietly(server);
        workers.shutdownNow();
        open.forEach(RemoteEndpoint::closeQuietly);
        try {
            acceptor.join(2_000);
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("Command endpoint: some commands were still running when it stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Command endpoint on 127.0.0.1:{} closed", server.getLocalPort());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("Command endpoint: accept failed: {}", e.toString());
                }
                continue;
            }
            open.add(client);
            try {
                workers.execute(() -> serve(client));
            } catch (RejectedExecutionException busy) {
                try (client) {
                    PrintStream out = new PrintStream(client.getOutputStream(), true, StandardCharsets.UTF_8);
                    out.println("error: the command endpoint is busy; try again");
                    out.println(EXIT_PREFIX + ExitStatus.ERROR);
                } catch (IOException ignored) {
                    // the client went away
                } finally {
                    open.remove(client);
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(readTimeoutMs);
            InputStream in = client.getInputStream();
            PrintStream out = new PrintStream(client.getOutputStream(), true, StandardCharsets.UTF_8);
            String line;
            try {
                line = readLine(in);
            } catch (IOException e) {
                out.println("error: no command line received: " + e.getMessage());
                out.println(EXIT_PREFIX + ExitStatus.REFUSED);
                return;
            }
            client.setSoTimeout(0); // commands such as follow may run long
            int status = run(line, out);
            out.println(EXIT_PREFIX + status);
            out.flush();
        } catch (IOException e) {
            LOG.debug("Command endpoint: connection failed: {}", e.toString());
        } finally {
            open.remove(client);
        }
    }

    /** Runs one command line; returns its exit status. Faults are logged by SyncCommands. */
    int run(String line, PrintStream out) {
        try {
            CommandLine command = CommandLine.parse(line);
            SyncCommands current = commands;
            if (current == null) {
                out.println("error: " + NOT_READY);
                return ExitStatus.NOT_READY;
            }
            current.execute(command.name(), command.args(), out);
            return ExitStatus.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("error: the command endpoint is stopping");
            return ExitStatus.ERROR;
        } catch (RuntimeException e) {
            out.println("error: " + ExitStatus.message(e));
            LOG.debug("Command endpoint: '{}' ended with status {}", Table.clean(line), ExitStatus.of(e), e);
            return ExitStatus.of(e);
        } finally {
            out.flush();
        }
    }

    /** One UTF-8 line, without its terminator; reads no byte after the line feed. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0 || b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new IOException("the line is longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
    }

}
