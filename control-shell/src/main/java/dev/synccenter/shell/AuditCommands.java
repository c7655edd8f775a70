package dev.synccenter.shell;

import java.io.PrintStream;
import java.util.function.Supplier;

import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.audit.AuditTrail;

/** {@code sync:audit}: the newest entries of the audit trail (C51), for operators (C49). */
final class AuditCommands {

    static final int DEFAULT_LIMIT = 50;

    private final Supplier<AuditTrail> trail;

    AuditCommands(Supplier<AuditTrail> trail) {
        this.trail = trail;
    }

    void audit(Invocation in, PrintStream out) {
        String limitText = in.option("limit");
        int limit = limitText == null ? DEFAULT_LIMIT : (int) in.number("--limit", limitText, 1, 10_000);
        AuditTrail current = trail.get();
        if (current == null) {
            throw new NotReadyException("the audit trail is not available (no AuditTrail service); see the"
                    + " platform's log");
        }
        Table table = new Table("AT", "WHO", "ROLE", "SURFACE", "FROM", "ACTION", "TARGET");
        for (AuditEntry e : current.recent(limit)) {
            table.row(Formats.DATE_TIME.format(e.at()), e.who(), e.role(), e.surface(), e.from(), e.action(),
                    e.target());
        }
        table.print(out);
    }
}
