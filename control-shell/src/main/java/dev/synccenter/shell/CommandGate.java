package dev.synccenter.shell;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.audit.AuditTrail;
import dev.synccenter.control.security.Authenticator;
import dev.synccenter.control.security.Caller;
import dev.synccenter.control.security.Role;

/**
 * What the command endpoint lets through, in this order: a caller who presents a valid token on
 * the first line (C48); a {@code sync:} command on the second ({@link CommandLine}: nothing else
 * runs, no Gogo, no other scope, C50); a command the caller's role allows (C49); and, for a command
 * that needs the operator role, an entry in the audit trail stored before it runs (C51). Every
 * refusal is logged with the peer's address and port. Plain Java: the services come from
 * suppliers that answer null while a service is missing.
 */
final class CommandGate {

    /** The answer to one connection: its exit status and, unless it ran, a one-line error. */
    record Outcome(int status, String error) {
        static final Outcome OK = new Outcome(ExitStatus.OK, null);
    }

    static final String TOKEN_PREFIX = "token ";
    static final String SURFACE = "endpoint";
    /** The most of a command's arguments the audit trail keeps; the rest is cut and marked. */
    static final int MAX_TARGET = 256;
    static final String NO_TOKEN = "not authenticated: the first line must be 'token <secret>' (bin/sync sends"
            + " the token from etc/security/operator.token)";
    static final String BAD_TOKEN = "not authenticated: the token is not valid (revoked, mistyped, or not this"
            + " platform's)";
    static final String NO_SECURITY = "the security service is not running (yet), so nobody can be authenticated;"
            + " see the platform's log";
    static final String NO_AUDIT = "not ready: the audit trail is not available (yet), and a command that needs"
            + " the operator role runs only once it is recorded (C51); try again, or see the platform's log";
    private static final Logger LOG = LoggerFactory.getLogger(CommandGate.class);

    private final Supplier<Authenticator> authenticator;
    private final Supplier<SyncCommands> commands;
    private final Supplier<AuditTrail> audit;
    private final Clock clock;

    CommandGate(Supplier<Authenticator> authenticator, Supplier<SyncCommands> commands, Supplier<AuditTrail> audit,
            Clock clock) {
        this.authenticator = authenticator;
        this.commands = commands;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The caller whose valid token is on the first line, without logging or running anything: the
     * endpoint counts places per caller before a command gets one. Empty for anything else; {@link
     * #run} then refuses it with the reason.
     */
    Optional<Caller> caller(List<String> lines) {
        Authenticator auth = authenticator.get();
        String tokenLine = lines.isEmpty() ? "" : lines.get(0);
        if (auth == null || !tokenLine.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return auth.token(tokenLine.substring(TOKEN_PREFIX.length()).strip());
    }

    /**
     * Checks the token line and the command line a client sent and runs the command if it may.
     *
     * @param lines the lines received: the token line, then the command line (fewer if the client
     *              closed its side early)
     * @param peer  the client's address and port, for the log and the audit trail
     * @throws InterruptedException when the command's thread was interrupted (its time bound, or
     *                              the endpoint stopping)
     * @throws BoundedOutput.CutException when the output reached its bound
     */
    Outcome run(List<String> lines, String peer, PrintStream out) throws InterruptedException {
        Authenticator auth = authenticator.get();
        if (auth == null) {
            LOG.warn("Command endpoint: refused {}: no Authenticator service", peer);
            return new Outcome(ExitStatus.NOT_READY, NO_SECURITY);
        }
        String tokenLine = lines.isEmpty() ? "" : lines.get(0);
        if (!tokenLine.startsWith(TOKEN_PREFIX)) {
            LOG.warn("Command endpoint: refused {}: its first line is not 'token <secret>'", peer);
            return new Outcome(ExitStatus.REFUSED, NO_TOKEN);
        }
        Optional<Caller> caller = auth.token(tokenLine.substring(TOKEN_PREFIX.length()).strip());
        if (caller.isEmpty()) {
            LOG.warn("Command endpoint: refused {}: the token is not valid", peer);
            return new Outcome(ExitStatus.REFUSED, BAD_TOKEN);
        }
        Caller who = caller.get();
        try {
            CommandLine command = CommandLine.parse(lines.size() > 1 ? lines.get(1) : "");
            SyncCommands current = commands.get();
            if (current == null) {
                return new Outcome(ExitStatus.NOT_READY, RemoteEndpoint.NOT_READY);
            }
            Role needed = current.role(command.name());
            if (!who.may(needed)) {
                LOG.warn("Command endpoint: refused sync:{} to '{}' ({}) from {}: it needs the {} role", command.name(),
                        who.name(), who.role(), peer, needed);
                return new Outcome(ExitStatus.REFUSED, "sync:" + command.name() + " needs the "
                        + needed.name().toLowerCase(Locale.ROOT) + " role; '" + who.name() + "' has the "
                        + who.role().name().toLowerCase(Locale.ROOT) + " role (C49)");
            }
            if (needed == Role.OPERATOR) {
                Outcome refused = record(who, peer, command);
                if (refused != null) {
                    return refused;
                }
            }
            current.execute(command.name(), command.args(), out);
            return Outcome.OK;
        } catch (RuntimeException e) {
            if (e instanceof BoundedOutput.CutException) {
                throw e;
            }
            return new Outcome(ExitStatus.of(e), ExitStatus.message(e));
        }
    }

    /** Records the call in the audit trail before it runs; an outcome that refuses it if that fails. */
    private Outcome record(Caller who, String peer, CommandLine command) {
        AuditTrail trail = audit.get();
        if (trail == null) {
            LOG.warn("Command endpoint: refused sync:{} to '{}' from {}: no AuditTrail service", command.name(),
                    who.name(), peer);
            // Not there yet (the platform is starting) or gone with the store: "not ready", which a
            // script waits out, as it waits for the control service.
            return new Outcome(ExitStatus.NOT_READY, NO_AUDIT);
        }
        try {
            trail.record(new AuditEntry(clock.instant(), who.name(), who.role().name(), SURFACE, peer,
                    "sync:" + command.name(), target(command.args())));
            return null;
        } catch (RuntimeException e) { // AuditUnavailableException, or any other failure of the trail
            LOG.warn("Command endpoint: refused sync:{} to '{}' from {}: the audit trail could not record it: {}",
                    command.name(), who.name(), peer, e.toString());
            return new Outcome(ExitStatus.REFUSED, "refused: the audit trail could not record the call, so it did"
                    + " not run (C51): " + ExitStatus.message(e));
        }
    }

    /** The arguments as one line, cut to {@value #MAX_TARGET} characters. */
    static String target(List<String> args) {
        String text = args.isEmpty() ? "" : Table.clean(String.join(" ", args));
        return text.length() <= MAX_TARGET ? text : text.substring(0, MAX_TARGET - 1) + "…";
    }
}
