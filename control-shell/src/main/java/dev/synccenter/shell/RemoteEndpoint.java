package dev.synccenter.shell;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
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

import dev.synccenter.config.RawConfig;
import dev.synccenter.control.audit.AuditTrail;
import dev.synccenter.control.security.Authenticator;
import dev.synccenter.control.security.Caller;

/**
 * A command endpoint for scripts, on 127.0.0.1 only. A client sends two lines, {@code token
 * <secret>} and a command line; the endpoint checks the token (C48), runs the line as a
 * {@code sync:} command if the caller's role allows it (C49; {@code start demo alpha} means
 * {@code sync:start demo alpha}, nothing else runs, C50), records a command that needs the
 * operator role in the audit trail before it runs (C51), writes the output and then a last line
 * {@code exit: <status>} (see {@link ExitStatus}), and closes the connection. {@code bin/sync} is
 * its client. The parts: {@link LineReceiver} accepts and receives the lines under one deadline,
 * {@link CommandGate} decides and runs, {@link EndpointCall} bounds a command in time and output.
 *
 * <p>It runs the commands itself, on its own threads, rather than through a Gogo session: a
 * session would redirect {@code System.err} of the command's thread, and of every thread started
 * under it, to the caller, and so send the platform's log lines to whoever ran the command
 * instead of the log. For the same reason its threads inherit no thread-locals.
 *
 * <p>The three services it uses are optional and followed as they come and go, but none is ever
 * skipped: without the {@code Authenticator} nobody is let in and every connection is answered
 * status {@value ExitStatus#NOT_READY}; without the {@code sync:} commands (the control service is
 * missing) every command is answered {@value ExitStatus#NOT_READY}, which {@code bin/sync
 * --wait-ready} waits out; without the {@code AuditTrail} the read-only commands run and every
 * other is refused. A configuration change restarts the component (no {@code @Modified}): the old
 * socket is closed before the new one is opened.
 */
@Component(configurationPid = RemoteEndpoint.PID, service = {}, immediate = true)
@Designate(ocd = RemoteConfig.class)
public final class RemoteEndpoint {

    static final String PID = "dev.synccenter.shell.remote";
    static final String EXIT_PREFIX = "exit: ";
    static final String NOT_READY = "the sync commands are not available: the control service is not running"
            + " (yet); see the platform's log";
    private static final Logger LOG = LoggerFactory.getLogger(RemoteEndpoint.class);

    /** The commands while the shell is active, that is while the control service is there. */
    @Reference(service = SyncCommands.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile SyncCommands commands;

    /** Who may connect (C48); while it is missing, nobody may. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Authenticator authenticator;

    /** Where operator commands are recorded before they run (C51); while it is missing, they do not run. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditTrail audit;

    private final long commandTimeoutMillis;
    private final long maxOutputBytes;
    private final LineReceiver receiver;
    private final CommandGate gate;
    private final Semaphore places;
    private final PlaceShares shares;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Thread acceptor;
    private final Set<EndpointCall> running = ConcurrentHashMap.newKeySet();

    /** Takes the raw properties, so that a bad value costs only that value (RawConfig). */
    @Activate
    public RemoteEndpoint(Map<String, Object> properties) {
        RawConfig config = new RawConfig(properties, PID, LOG::warn);
        int port = config.number("port", 0, 65_535, 7654);
        int maxConnections = config.number("max.connections", 1, 256, 8);
        int readTimeoutMs = config.number("read.timeout.ms", 1, 600_000, 10_000);
        int maxPending = config.number("max.pending", 1, 4096, 64);
        this.commandTimeoutMillis = config.number("command.timeout.ms", 1, 86_400_000, 600_000);
        this.maxOutputBytes = config.number("max.output.bytes", 1024, Integer.MAX_VALUE, 4 * 1024 * 1024);
        this.gate = new CommandGate(() -> authenticator, () -> commands, () -> audit, Clock.systemUTC());
        this.places = new Semaphore(maxConnections);
        this.shares = new PlaceShares(config.number("max.connections.per.caller", 1, 256,
                Math.max(1, maxConnections / 2)));
        LineReceiver r = null;
        if (port == 0) {
            LOG.info("Command endpoint is off (port=0 in {})", config.source());
        } else {
            try {
                r = new LineReceiver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                        Duration.ofMillis(readTimeoutMs), maxPending, this::received);
            } catch (IOException e) {
                LOG.error("Command endpoint cannot listen on 127.0.0.1:{}: {}", port, e.toString());
            }
        }
        receiver = r;
        if (receiver == null) {
            workers = null;
            timer = null;
            acceptor = null;
            return;
        }
        AtomicInteger count = new AtomicInteger();
        // Unbounded on purpose: the places bound the commands that count; a command cut at its time
        // bound that ignores the interrupt keeps its thread, not its place.
        workers = Executors.newCachedThreadPool(r2 -> thread(r2, "sync-shell-remote-" + count.incrementAndGet()));
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r2 -> thread(r2, "sync-shell-remote-timer"));
        t.setRemoveOnCancelPolicy(true); // each command's bound is cancelled when it ends: do not keep them queued
        timer = t;
        acceptor = thread(receiver, "sync-shell-remote-accept");
        acceptor.start();
        LOG.info("Command endpoint listening on 127.0.0.1:{}: a token first, then one sync: command;"
                + " {} at once, {} ms to send both lines, {} ms and {} bytes per command", receiver.port(),
                maxConnections, readTimeoutMs, commandTimeoutMillis, maxOutputBytes);
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

    /** The port it listens on, or 0 when it is off. */
    int port() {
        return receiver == null ? 0 : receiver.port();
    }

    @Deactivate
    void deactivate() {
        if (receiver == null) {
            return;
        }
        int port = receiver.port();
        receiver.close();
        CommandGate.Outcome stopping = new CommandGate.Outcome(ExitStatus.ERROR, "the command endpoint is stopping");
        running.forEach(call -> call.stop(stopping));
        workers.shutdownNow();
        timer.shutdownNow();
        try {
            acceptor.join(2_000);
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("Command endpoint: some commands were still running when it stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Command endpoint on 127.0.0.1:{} closed", port);
    }

    /**
     * A connection whose lines arrived: runs it if there is a place, and its caller holds fewer than
     * its share of them; else answers busy. Never blocks. A connection without a valid token takes
     * a place only for the moment it takes to refuse it.
     */
    private void received(SocketChannel channel, String peer, List<String> lines) {
        String caller = gate.caller(lines).map(Caller::name).orElse(null);
        if (caller != null && !shares.take(caller)) {
            LOG.warn("Command endpoint: {} answered busy: '{}' already runs {} commands (max.connections.per.caller)",
                    peer, caller, shares.perCaller());
            answerAndClose(channel, "error: '" + caller + "' already runs " + shares.perCaller() + " commands at once"
                    + " (max.connections.per.caller); try again when one has ended\n" + EXIT_PREFIX + ExitStatus.ERROR
                    + "\n");
            return;
        }
        if (!places.tryAcquire()) {
            if (caller != null) {
                shares.give(caller);
            }
            LOG.warn("Command endpoint: {} answered busy: every place is taken (max.connections)", peer);
            answerAndClose(channel, "error: the command endpoint is busy (max.connections commands run); try again\n"
                    + EXIT_PREFIX + ExitStatus.ERROR + "\n");
            return;
        }
        EndpointCall[] self = new EndpointCall[1];
        EndpointCall call = new EndpointCall(channel, peer, lines, gate, commandTimeoutMillis, maxOutputBytes, timer,
                () -> {
                    running.remove(self[0]);
                    places.release();
                    if (caller != null) {
                        shares.give(caller);
                    }
                });
        self[0] = call;
        running.add(call);
        try {
            workers.execute(call);
        } catch (RejectedExecutionException stopping) {
            call.stop(new CommandGate.Outcome(ExitStatus.ERROR, "the command endpoint is stopping"));
        }
    }

    /** The places a caller holds now, for tests. */
    int placesHeldBy(String caller) {
        return shares.held(caller);
    }

    private static void answerAndClose(SocketChannel channel, String text) {
        try {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // the client went away
        }
        LineReceiver.closeQuietly(channel);
    }
}
