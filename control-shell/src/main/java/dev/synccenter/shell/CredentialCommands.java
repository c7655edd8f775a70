package dev.synccenter.shell;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

import dev.synccenter.control.security.CredentialAdmin;
import dev.synccenter.control.security.IssuedToken;
import dev.synccenter.control.security.Role;
import dev.synccenter.control.security.TokenInfo;

/**
 * The credential commands (C48): make, list and revoke API tokens, reset a password. A secret is
 * printed alone on one line, once, so that a script can keep it: {@code bin/sync token-create ci >
 * ci.token} gives a file {@code bin/sync --token-file ci.token} reads. Operators only (C49).
 */
final class CredentialCommands {

    private final Supplier<CredentialAdmin> admin;

    CredentialCommands(Supplier<CredentialAdmin> admin) {
        this.admin = admin;
    }

    void create(Invocation in, PrintStream out) {
        String roleText = in.option("role");
        Role role = Role.VIEWER; // least privilege unless asked
        if (roleText != null) {
            try {
                role = Role.valueOf(roleText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw in.usage("--role must be VIEWER or OPERATOR, was '" + Table.clean(roleText) + "'");
            }
        }
        IssuedToken token = admin().createToken(in.arg(0), role);
        out.println(token.secret());
    }

    void list(Invocation in, PrintStream out) {
        Table table = new Table("NAME", "ROLE", "CREATED");
        for (TokenInfo t : admin().tokens()) {
            table.row(t.name(), t.role(), Formats.DATE_TIME.format(t.created()));
        }
        table.print(out);
    }

    void revoke(Invocation in, PrintStream out) {
        admin().revokeToken(in.arg(0));
        out.println("token '" + in.arg(0) + "' revoked");
    }

    void resetPassword(Invocation in, PrintStream out) {
        out.println(admin().resetPassword(in.arg(0, "operator")));
    }

    private CredentialAdmin admin() {
        CredentialAdmin current = admin.get();
        if (current == null) {
            throw new NotReadyException("the security service is not running (yet); see the platform's log");
        }
        return current;
    }
}
