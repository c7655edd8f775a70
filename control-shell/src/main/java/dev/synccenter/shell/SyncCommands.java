package dev.synccenter.shell;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongToIntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.SyncControl;

/**
 * The {@code sync:} commands, free of Gogo and OSGi so that they can be tested with a plain
 * {@link SyncControl}: one table of usage lines and actions, in the order {@code help} lists them.
 * The usage line is also the grammar of the command's arguments ({@link Usage}). Each command
 * writes aligned tables or short lines to the given stream and reports a bad command line or a
 * refused call by throwing: a {@link UsageException}, or the control service's own
 * {@code SyncArgumentException} or {@code SyncRefusedException}, whose message is one line.
 */
final class SyncCommands {

    /** What one command does with its checked arguments. */
    @FunctionalInterface
    interface Action {
        void run(Invocation in, PrintStream out) throws InterruptedException;
    }

    private record Command(Usage usage, Action action) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SyncCommands.class);

    private final Map<String, Command> commands = new LinkedHashMap<>();

    /**
     * @param resultsDelivered how many results the shell saw delivered for a request ID
     * @param pollInterval how often {@code follow} and {@code wait} look at a request
     */
    SyncCommands(SyncControl control, LongToIntFunction resultsDelivered, Duration pollInterval) {
        HandlerCommands handlers = new HandlerCommands(control);
        RequestCommands requests = new RequestCommands(control, resultsDelivered, pollInterval);
        EventCommands events = new EventCommands(control);
        LoadCommands load = new LoadCommands(control);
        add("handlers", handlers::handlers);
        add("items <handler>", handlers::items);
        add("start <handler> <item>... [--" + HandlerCommands.IGNORE + "]", handlers::start);
        add("start-handler <handler> [--" + HandlerCommands.IGNORE + "]", handlers::startHandler);
        add("start-all", handlers::startAll);
        add("stop <handler> <item>...", handlers::stop);
        add("stop-handler <handler>", handlers::stopHandler);
        add("stop-all", handlers::stopAll);
        add("enable <handler> [item]", (in, out) -> handlers.enable(true, in, out));
        add("disable <handler> [item]", (in, out) -> handlers.enable(false, in, out));
        add("activate <handler>", (in, out) -> handlers.activate(true, in, out));
        add("deactivate <handler>", (in, out) -> handlers.activate(false, in, out));
        add("update [handler]", handlers::update);
        add("requests [--handler h] [--state QUEUED|PARKED|RUNNING] [--limit n]", requests::requests);
        add("request <id>", requests::request);
        add("follow <id>", requests::follow);
        add("wait <id> [timeout-seconds]", requests::await);
        add("events [--handler h] [--item i] [--level INFORMATION|WARNING|ERROR] [--limit n]", events::events);
        add("conflicts [handler [item]]", events::conflicts);
        HistoryCommands history = new HistoryCommands(control, Clock.systemUTC());
        add("history [--handler h] [--state SUCCEEDED|FAILED|CANCELED|DISCONNECTED|SKIPPED] [--last 30m|2h|7d] "
                + "[--limit n]", history::history);
        add("load <handler> <count> <item>... [--in-flight n]", load::load);
        add("load-status", load::status);
        add("load-stop", load::stop);
        add("vm [--gc]", LoadCommands::vm);
        add("help", this::help);
    }

    private void add(String usage, Action action) {
        Usage parsed = new Usage(usage);
        commands.put(parsed.name(), new Command(parsed, action));
    }

    /** The command names, in the order {@code help} lists them. */
    Set<String> names() {
        return commands.keySet();
    }

    /**
     * Runs one command with its arguments (without the command name). A fault, unlike a refusal,
     * is logged with its stack trace; the caller gets its one-line message from the exception.
     */
    void execute(String command, List<String> args, PrintStream out) throws InterruptedException {
        Command c = commands.get(command);
        if (c == null) {
            throw new UsageException("unknown command '" + Table.clean(command) + "'; try: help");
        }
        try {
            c.action().run(c.usage().parse(args), out);
        } catch (WaitTimeoutException e) {
            throw e; // an answer, not a fault
        } catch (RuntimeException e) {
            if (ExitStatus.of(e) == ExitStatus.ERROR) {
                LOG.error("sync:{} {} failed", command, args, e);
            }
            throw e;
        }
        out.flush();
    }

    private void help(Invocation in, PrintStream out) {
        commands.values().forEach(c -> out.println("sync:" + c.usage().text()));
    }
}
