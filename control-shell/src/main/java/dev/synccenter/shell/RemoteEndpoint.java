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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command endpoint for scripts: listens on 127.0.0.1 only, reads one command line per
 * connection, runs it through the Gogo {@link CommandProcessor} in a session whose streams are the
 * connection's, writes the output and then a last line {@code exit: <status>} (see
 * {@link ExitStatus}), and closes the connection. {@code bin/sync} is its client.
 *
 * <p>The session's scope path is {@code sync:*}, so {@code start demo alpha} means
 * {@code sync:start demo alpha}; every other Gogo command can be run too. Anyone who can connect to
 * the port on this machine can run any command: keep it on loopback, or set the port to 0.
 *
 * <p>A configuration change restarts the component (no {@code @Modified}): the old socket is
 * closed before the new one is opened.
 */
@Component(configurationPid = RemoteEndpoint.PID, service = {}, immediate = true)
@Designate(ocd = RemoteConfig.class)
public final class RemoteEndpoint {

    static final String PID = "dev.synccenter.shell.remote";
    static final String EXIT_PREFIX = "exit: ";
    private static final int DEFAULT_PORT = 7654;
    private static final int MAX_LINE_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RemoteEndpoint.class);

    private final CommandProcessor processor;
    private final int readTimeoutMs;
    private final ServerSocket server;
    private final ThreadPoolExecutor workers;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    @Activate
    public RemoteEndpoint(@Reference CommandProcessor processor, RemoteConfig config) {
        this.processor = processor;
        int port = config.port();
        if (port < 0 || port > 65_535) {
            LOG.warn("Ignoring port={} of {}: not 0 to 65535; using {}", port, PID, DEFAULT_PORT);
            port = DEFAULT_PORT;
        }
        int maxConnections = config.max_connections();
        if (maxConnections < 1 || maxConnections > 256) {
            LOG.warn("Ignoring max.connections={} of {}: not 1 to 256; using 8", maxConnections, PID);
            maxConnections = 8;
        }
        int timeout = config.read_timeout_ms();
        if (timeout < 1 || timeout > 600_000) {
            LOG.warn("Ignoring read.timeout.ms={} of {}: not 1 to 600000; using 10000", timeout, PID);
            timeout = 10_000;
        }
        this.readTimeoutMs = timeout;
        if (port == 0) {
            LOG.info("Command endpoint is off (port=0)");
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
        workers = new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "sync-shell-remote-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::acceptLoop, "sync-shell-remote-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("Command endpoint listening on 127.0.0.1:{}", server.getLocalPort());
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
            int status = run(line, in, out);
            out.flush();
            out.println(EXIT_PREFIX + status);
            out.flush();
        } catch (IOException e) {
            LOG.debug("Command endpoint: connection failed: {}", e.toString());
        } finally {
            open.remove(client);
        }
    }

    /** Runs one command line; returns its exit status. */
    int run(String line, InputStream in, PrintStream out) {
        if (line == null || line.isBlank()) {
            out.println("error: empty command line; try: help");
            return ExitStatus.REFUSED;
        }
        CommandSession session = processor.createSession(in, out, out);
        try {
            session.put("SCOPE", ShellComponent.SCOPE + ":*");
            Object result = session.execute(line);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
            return ExitStatus.OK;
        } catch (Exception e) {
            int status = ExitStatus.of(e);
            out.println("error: " + ExitStatus.message(e));
            if (status == ExitStatus.ERROR) {
                LOG.warn("Command endpoint: '{}' failed: {}", Table.clean(line), ExitStatus.message(e));
                LOG.debug("Command endpoint: '{}' failed", Table.clean(line), e);
            } else {
                LOG.debug("Command endpoint: '{}' refused: {}", Table.clean(line), ExitStatus.message(e));
            }
            return status;
        } finally {
            out.flush();
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.debug("Command endpoint: closing the session failed: {}", e.toString());
            }
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
