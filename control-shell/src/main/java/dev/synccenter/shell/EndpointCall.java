package dev.synccenter.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection whose lines have arrived, run on a worker thread: through the {@link CommandGate},
 * with its output bounded in bytes and its run bounded in time (C50), and answered with a last
 * line {@code exit: <status>}.
 *
 * <p>At the time bound the timer ends the answer itself (an error line and status 2), closes the
 * connection and gives the connection's place back, and interrupts the command's thread, which
 * ends {@code follow} and {@code wait} at once. A command that ignores the interrupt keeps its
 * thread until it returns, but not its place: the endpoint serves others meanwhile, and nothing
 * the command writes afterwards reaches anyone. The socket is an NIO channel, so an interrupt also
 * ends a write that blocks because the client does not read.
 */
final class EndpointCall implements Runnable {

    private static final int SHOWN_LINE = 80;
    private static final Logger LOG = LoggerFactory.getLogger(EndpointCall.class);

    private final SocketChannel channel;
    private final String peer;
    private final List<String> lines;
    private final CommandGate gate;
    private final long timeoutMillis;
    private final BoundedOutput output;
    private final ScheduledExecutorService timer;
    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();
    private final Object lock = new Object();
    // @GuardedBy("lock")
    private Thread worker;
    // @GuardedBy("lock")
    private boolean done;
    // @GuardedBy("lock")
    private boolean timedOut;
    /** Set when the call was ended from outside; then the one who ended it answers. */
    // @GuardedBy("lock")
    private boolean stopped;

    /**
     * @param release gives the connection's place back; called once, when the answer has ended
     */
    EndpointCall(SocketChannel channel, String peer, List<String> lines, CommandGate gate, long timeoutMillis,
            long maxOutputBytes, ScheduledExecutorService timer, Runnable release) {
        this.channel = channel;
        this.peer = peer;
        this.lines = lines;
        this.gate = gate;
        this.timeoutMillis = timeoutMillis;
        this.output = new BoundedOutput(Channels.newOutputStream(channel), maxOutputBytes);
        this.timer = timer;
        this.release = release;
    }

    @Override
    public void run() {
        synchronized (lock) {
            if (done) {
                return; // stopped before it started
            }
            worker = Thread.currentThread();
        }
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        ScheduledFuture<?> bound = timer.schedule(this::timeUp, timeoutMillis, TimeUnit.MILLISECONDS);
        CommandGate.Outcome outcome;
        boolean answerHere;
        try {
            outcome = gate.run(lines, peer, out);
        } catch (BoundedOutput.CutException e) {
            outcome = new CommandGate.Outcome(ExitStatus.ERROR, "the output was cut at its bound of "
                    + output.written() + " bytes (max.output.bytes)");
            if (output.cut()) { // else it wrote after its answer ended, at its time bound
                LOG.warn("Command endpoint: '{}' from {} cut at its output bound of {} bytes", shown(), peer,
                        output.written());
            }
        } catch (InterruptedException e) {
            outcome = new CommandGate.Outcome(ExitStatus.ERROR, "the command endpoint is stopping");
        } finally {
            bound.cancel(false);
            synchronized (lock) {
                done = true;
                answerHere = !stopped;
                Thread.interrupted(); // an interrupt meant for this command must not reach the next one
            }
        }
        if (answerHere) {
            answer(outcome);
        }
    }

    /** Ends the call from outside: at its time bound, or when the endpoint stops. */
    void stop(CommandGate.Outcome outcome) {
        synchronized (lock) {
            if (done) {
                return;
            }
            done = true;
            stopped = true;
            if (worker != null) {
                worker.interrupt();
            }
        }
        answer(outcome);
    }

    private void timeUp() {
        synchronized (lock) {
            if (done) {
                return;
            }
            timedOut = true;
        }
        LOG.warn("Command endpoint: '{}' from {} cut at its time bound of {} ms (command.timeout.ms)", shown(), peer,
                timeoutMillis);
        stop(new CommandGate.Outcome(ExitStatus.ERROR, "the command was cut at its time bound of " + timeoutMillis
                + " ms (command.timeout.ms)"));
    }

    boolean timedOut() {
        synchronized (lock) {
            return timedOut;
        }
    }

    private void answer(CommandGate.Outcome outcome) {
        try {
            output.seal((outcome.error() == null ? "" : "error: " + outcome.error() + "\n")
                    + RemoteEndpoint.EXIT_PREFIX + outcome.status() + "\n");
        } catch (IOException e) {
            LOG.debug("Command endpoint: the answer to {} was not delivered: {}", peer, e.toString());
        }
        LineReceiver.closeQuietly(channel);
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }

    /** The command line, cleaned and cut, for a log line: never the token line. */
    private String shown() {
        String line = lines.size() > 1 ? Table.clean(lines.get(1)) : "";
        return line.length() <= SHOWN_LINE ? line : line.substring(0, SHOWN_LINE) + "…";
    }
}
