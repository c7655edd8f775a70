package dev.synccenter.shell;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongToIntFunction;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.SyncControl;
import dev.synccenter.control.audit.AuditTrail;
import dev.synccenter.control.security.CredentialAdmin;
import dev.synccenter.control.security.Role;

/**
 * The {@code sync:} commands, free of Gogo and OSGi so that they can be tested with a plain
 * {@link SyncControl}: one table of usage lines and actions, in the order {@code help} lists them.
 * The usage line is also the grammar of the command's arguments ({@link Usage}). Each command
 * writes aligned tables or short lines to the given stream and reports a bad command line or a
 * refused call by throwing: a {@link UsageException}, or the control service's own
 * {@code SyncArgumentException} or {@code SyncRefusedException}, whose message is one line.
 *
 * <p>Each command names the role it needs (C49): {@link Role#VIEWER} for those that only read,
 * {@link Role#OPERATOR} for every other (start, stop, enable, activate, update, retry now, give up,
 * schedule and unschedule, resolve, the load tool, the VM figures, which may force a collection, the
 * credential commands and the audit trail). The command endpoint
 * checks it before it runs a command; the Gogo console on the platform's terminal does not, since
 * its user is the person who started the platform.
 */
final class SyncCommands {

    /** What one command does with its checked arguments. */
    @FunctionalInterface
    interface Action {
        void run(Invocation in, PrintStream out) throws InterruptedException;
    }

    private record Command(Role role, Usage usage, Action action) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SyncCommands.class);

    private final Map<String, Command> commands = new LinkedHashMap<>();

    /**
     * @param resultsDelivered how many results the shell saw delivered for a request ID
     * @param pollInterval how often {@code follow} and {@code wait} look at a request
     */
    SyncCommands(SyncControl control, LongToIntFunction resultsDelivered, Duration pollInterval) {
        this(control, resultsDelivered, pollInterval, () -> null, () -> null);
    }

    /**
     * @param credentials the security service's credential administration, null while it is missing
     * @param audit       the audit trail, null while it is missing
     */
    SyncCommands(SyncControl control, LongToIntFunction resultsDelivered, Duration pollInterval,
            Supplier<CredentialAdmin> credentials, Supplier<AuditTrail> audit) {
        HandlerCommands handlers = new HandlerCommands(control);
        RequestCommands requests = new RequestCommands(control, resultsDelivered, pollInterval);
        EventCommands events = new EventCommands(control);
        LoadCommands load = new LoadCommands(control);
        CredentialCommands admin = new CredentialCommands(credentials);
        Role v = Role.VIEWER;
        Role o = Role.OPERATOR;
        add(v, "handlers", handlers::handlers);
        add(v, "items <handler>", handlers::items);
        add(o, "start <handler> <item>... [--" + HandlerCommands.IGNORE + "]", handlers::start);
        add(o, "start-handler <handler> [--" + HandlerCommands.IGNORE + "]", handlers::startHandler);
        add(o, "start-all", handlers::startAll);
        add(o, "stop <handler> <item>...", handlers::stop);
        add(o, "stop-handler <handler>", handlers::stopHandler);
        add(o, "stop-all", handlers::stopAll);
        add(o, "enable <handler> [item]", (in, out) -> handlers.enable(true, in, out));
        add(o, "disable <handler> [item]", (in, out) -> handlers.enable(false, in, out));
        add(o, "activate <handler>", (in, out) -> handlers.activate(true, in, out));
        add(o, "deactivate <handler>", (in, out) -> handlers.activate(false, in, out));
        add(o, "update [handler]", handlers::update);
        add(v, "requests [--handler h] [--state QUEUED|PARKED|WAITING|RUNNING] [--limit n]", requests::requests);
        add(v, "request <id>", requests::request);
        add(v, "follow <id>", requests::follow);
        add(v, "wait <id> [timeout-seconds]", requests::await);
        add(v, "events [--handler h] [--item i] [--level INFORMATION|WARNING|ERROR] [--limit n]", events::events);
        ConflictCommands conflicts = new ConflictCommands(control);
        add(v, "conflicts [handler [item]]", conflicts::conflicts);
        add(o, "resolve <handler> <conflictId>... [--" + ConflictCommands.KEEP_RECENT + "] [--" + ConflictCommands.KEEP
                + " n|n=name] [--" + ConflictCommands.KEEP_OTHER + " location] [--" + ConflictCommands.REMOVE + "] [--"
                + ConflictCommands.ALL + "]", conflicts::resolve);
        HistoryCommands history = new HistoryCommands(control, Clock.systemUTC());
        add(v, "history [--handler h] [--state SUCCEEDED|FAILED|CANCELED|DISCONNECTED|SKIPPED] [--last 30m|2h|7d] "
                + "[--limit n]", history::history);
        BackoffCommands backoffs = new BackoffCommands(control);
        add(v, "backoffs", backoffs::backoffs);
        add(o, "retry <handler> <item>", backoffs::retryNow);
        add(o, "giveup <handler> <item>", backoffs::giveUp);
        ScheduleCommands schedules = new ScheduleCommands(control);
        add(v, "schedules [id]", schedules::schedules);
        add(o, "schedule <id> <handler> [item...] [--" + ScheduleCommands.EVERY + " 30s|15m|1h30m|1d|PT15M] [--"
                + ScheduleCommands.CRON + " expr] [--" + ScheduleCommands.ZONE + " zone]", schedules::put);
        add(o, "unschedule <id>", schedules::remove);
        add(o, "load <handler> <count> <item>... [--in-flight n]", load::load);
        add(v, "load-status", load::status);
        add(o, "load-stop", load::stop);
        add(o, "vm [--gc]", LoadCommands::vm); // --gc forces a collection: not for viewers
        add(o, "token-create <name> [--role VIEWER|OPERATOR]", admin::create);
        add(o, "token-list", admin::list);
        add(o, "token-revoke <name>", admin::revoke);
        add(o, "password-reset [user]", admin::resetPassword);
        add(o, "audit [--limit n]", new AuditCommands(audit)::audit); // who did what from where: operators only
        add(v, "help", this::help);
    }

    private void add(Role role, String usage, Action action) {
        Usage parsed = new Usage(usage);
        commands.put(parsed.name(), new Command(role, parsed, action));
    }

    /** The role a command needs (C49); a {@link UsageException} for an unknown command. */
    Role role(String command) {
        Command c = commands.get(command);
        if (c == null) {
            throw unknown(command);
        }
        return c.role();
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
            throw unknown(command);
        }
        try {
            c.action().run(c.usage().parse(args), out);
        } catch (WaitTimeoutException | NotResolvedException | BoundedOutput.CutException e) {
            throw e; // an answer, not a fault
        } catch (RuntimeException e) {
            if (ExitStatus.of(e) == ExitStatus.ERROR) {
                LOG.error("sync:{} {} failed", command, args, e);
            }
            throw e;
        }
        out.flush();
    }

    private static UsageException unknown(String command) {
        return new UsageException("unknown command '" + Table.clean(command) + "'; try: help");
    }

    private void help(Invocation in, PrintStream out) {
        commands.values().forEach(c -> out.println("sync:" + c.usage().text()));
    }
}
