package dev.synccenter.shell;

import java.io.PrintStream;
import java.lang.reflect.Proxy;
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

    private record Command(Role role, Usage usage, String description, Action action) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SyncCommands.class);
    private static final String SCOPE_PREFIX = "sync:";

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
        add(v, "handlers", "list the handlers: availability, state, queue, bundle", handlers::handlers);
        add(v, "items <handler>", "list a handler's items", handlers::items);
        add(o, "start <handler> <item>... [--" + HandlerCommands.IGNORE + "]",
                "sync some items of a handler; prints the request ID", handlers::start);
        add(o, "start-handler <handler> [--" + HandlerCommands.IGNORE + "]",
                "sync every item of a handler; prints the request ID", handlers::startHandler);
        add(o, "start-all", "sync every active, enabled handler; lists the requests", handlers::startAll);
        add(o, "stop <handler> <item>...", "stop the sync of some items of a handler", handlers::stop);
        add(o, "stop-handler <handler>", "stop every sync of a handler", handlers::stopHandler);
        add(o, "stop-all", "stop every sync", handlers::stopAll);
        add(o, "enable <handler> [item]", "enable a handler, or one of its items, for syncing",
                (in, out) -> handlers.enable(true, in, out));
        add(o, "disable <handler> [item]", "disable a handler, or one of its items: syncs leave it out",
                (in, out) -> handlers.enable(false, in, out));
        add(o, "activate <handler>", "activate a handler: start-all syncs it again",
                (in, out) -> handlers.activate(true, in, out));
        add(o, "deactivate <handler>", "deactivate a handler: start-all leaves it out",
                (in, out) -> handlers.activate(false, in, out));
        add(o, "update [handler]", "re-read one handler's metadata and items (or every handler's)",
                handlers::update);
        add(v, "requests [--handler h] [--state QUEUED|PARKED|WAITING|RUNNING] [--limit n]",
                "list the open requests", requests::requests);
        add(v, "request <id>", "show one request and its result, a finished one too", requests::request);
        add(v, "follow <id>", "print one line per change of a request until it is done", requests::follow);
        add(v, "wait <id> [timeout-seconds]", "wait until a request is done (default 60 s); prints its result",
                requests::await);
        add(v, "events [--handler h] [--item i] [--level INFORMATION|WARNING|ERROR] [--limit n]",
                "list the events the handlers reported, newest first", events::events);
        ConflictCommands conflicts = new ConflictCommands(control);
        add(v, "conflicts [handler [item]]", "list the conflicts, their versions and the choices each offers",
                conflicts::conflicts);
        add(o, "resolve <handler> <conflictId>... [--" + ConflictCommands.KEEP_RECENT + "] [--" + ConflictCommands.KEEP
                + " n|n=name] [--" + ConflictCommands.KEEP_OTHER + " location] [--" + ConflictCommands.REMOVE + "] [--"
                + ConflictCommands.ALL + "]", "resolve conflicts with one choice; one line per outcome",
                conflicts::resolve);
        HistoryCommands history = new HistoryCommands(control, Clock.systemUTC());
        add(v, "history [--handler h] [--state SUCCEEDED|FAILED|CANCELED|DISCONNECTED|SKIPPED] [--last 30m|2h|7d] "
                + "[--limit n]", "list the results of finished requests, newest first", history::history);
        BackoffCommands backoffs = new BackoffCommands(control);
        add(v, "backoffs", "list the items that wait to retry after transient failures", backoffs::backoffs);
        add(o, "retry <handler> <item>", "end an item's backoff: its waiting requests run now", backoffs::retryNow);
        add(o, "giveup <handler> <item>", "end an item's backoff: its waiting requests end FAILED",
                backoffs::giveUp);
        ScheduleCommands schedules = new ScheduleCommands(control);
        add(v, "schedules [id]", "list the schedules (or show one) with their next and last runs",
                schedules::schedules);
        add(o, "schedule <id> <handler> [item...] [--" + ScheduleCommands.EVERY + " 30s|15m|1h30m|1d|PT15M] [--"
                + ScheduleCommands.CRON + " expr] [--" + ScheduleCommands.ZONE + " zone]",
                "make or replace a schedule: an interval or a cron expression", schedules::put);
        add(o, "unschedule <id>", "remove a schedule made with schedule", schedules::remove);
        add(o, "load <handler> <count> <item>... [--in-flight n]",
                "start a load test: count requests, n of them in flight at a time", load::load);
        add(v, "load-status", "show the load test's progress", load::status);
        add(o, "load-stop", "stop the load test", load::stop);
        add(o, "vm [--gc]", "show the heap and threads of the JVM (--gc: after a collection)",
                LoadCommands::vm); // --gc forces a collection: not for viewers
        add(o, "token-create <name> [--role VIEWER|OPERATOR]", "create an API token; prints its secret, once",
                admin::create);
        add(o, "token-list", "list the API tokens: names, roles, creation times", admin::list);
        add(o, "token-revoke <name>", "revoke an API token", admin::revoke);
        add(o, "password-reset [user]", "give a user (default: operator) a new password; prints it, once",
                admin::resetPassword);
        add(o, "audit [--limit n]", "list the audit trail's newest entries: who ran what, from where",
                new AuditCommands(audit)::audit); // who did what from where: operators only
        add(v, "help [command]", "list the commands, or show one command's usage and description", this::help);
    }

    private void add(Role role, String usage, String description, Action action) {
        Usage parsed = new Usage(usage);
        commands.put(parsed.name(), new Command(role, parsed, description, action));
    }

    /**
     * The commands' table alone (names, usage lines, descriptions, roles), for what needs it
     * before the control service is there; none of its commands may run.
     */
    static SyncCommands catalog() {
        SyncControl none = (SyncControl) Proxy.newProxyInstance(SyncControl.class.getClassLoader(),
                new Class<?>[] {SyncControl.class}, (proxy, method, args) -> {
                    throw new NotReadyException(RemoteEndpoint.NOT_READY);
                });
        return new SyncCommands(none, requestId -> 0, Duration.ofSeconds(1));
    }

    /** The role a command needs (C49); a {@link UsageException} for an unknown command. */
    Role role(String command) {
        return command(command).role();
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
        Command c = command(command);
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

    /** A command's usage line, the grammar of its arguments; a {@link UsageException} for an unknown command. */
    Usage usage(String command) {
        return command(command).usage();
    }

    /** A command's description, one line. */
    String description(String command) {
        return command(command).description();
    }

    private Command command(String name) {
        Command c = commands.get(name);
        if (c == null) {
            throw unknown(name);
        }
        return c;
    }

    /**
     * Without an argument, every command with its description, one line each; with a command's
     * name (with or without {@code sync:}), its usage, description and the role it needs.
     */
    private void help(Invocation in, PrintStream out) {
        if (in.size() == 0) {
            Table table = new Table("COMMAND", "DESCRIPTION");
            commands.forEach((name, c) -> table.row(SCOPE_PREFIX + name, c.description()));
            table.print(out);
            out.println("sync:help <command> shows a command's usage");
            return;
        }
        String name = in.arg(0).startsWith(SCOPE_PREFIX) ? in.arg(0).substring(SCOPE_PREFIX.length()) : in.arg(0);
        Command c = command(name);
        out.println("usage: " + SCOPE_PREFIX + c.usage().text());
        out.println(c.description());
        out.println("role: " + c.role());
    }
}
