package dev.synccenter.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.synccenter.control.ConflictChoice;
import dev.synccenter.control.ConflictVersion;
import dev.synccenter.control.ResolutionOutcome;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncControl;

/**
 * The commands about conflicts (C46, C47): list them with their type, versions and the choices
 * they offer, and resolve some with one choice of Sync Center's resolution handler. The control
 * service checks the IDs and whether each conflict offers the choice; its refusal names the
 * argument as the person at the shell typed it.
 */
final class ConflictCommands {

    static final String KEEP_RECENT = "keep-recent";
    static final String KEEP = "keep";
    static final String KEEP_OTHER = "keep-other";
    static final String REMOVE = "remove";
    static final String ALL = "all";

    private final SyncControl control;

    ConflictCommands(SyncControl control) {
        this.control = control;
    }

    /** The conflicts, then their versions, each by its index (what {@code resolve --keep} names). */
    void conflicts(Invocation in, PrintStream out) {
        List<SyncConflict> conflicts = control.conflicts(in.arg(0, null), in.arg(1, null));
        if (conflicts.isEmpty()) {
            out.println("no conflicts");
            return;
        }
        Table table = new Table("HANDLER", "ITEM", "ID", "TYPE", "NAME", "DESCRIPTION", "ABILITIES");
        Table versions = new Table("HANDLER", "CONFLICT", "VERSION", "NAME", "LOCATION", "MODIFIED", "SIZE");
        for (SyncConflict c : conflicts) {
            table.row(c.handlerId(), c.itemId(), c.id(), dash(c.type()), c.name(), c.description(),
                    c.abilities().isEmpty() ? "-"
                            : c.abilities().stream().map(Enum::name).collect(Collectors.joining(",")));
            for (int i = 0; i < c.versions().size(); i++) {
                ConflictVersion v = c.versions().get(i);
                versions.row(c.handlerId(), c.id(), i, v.name(), dash(v.location()), Formats.iso(v.modifiedAt()),
                        v.size() < 0 ? "-" : v.size());
            }
        }
        table.print(out);
        if (!versions.isEmpty()) {
            out.println();
            versions.print(out);
        }
    }

    /** Resolves the named conflicts with one choice; one line per outcome, exit status 2 if any FAILED. */
    void resolve(Invocation in, PrintStream out) {
        ConflictChoice choice = choice(in);
        List<ResolutionOutcome> outcomes;
        try {
            outcomes = control.resolveConflicts(in.arg(0), in.args(1), choice, in.flag(ALL));
        } catch (SyncArgumentException e) {
            throw named(in, e);
        }
        long failed = 0;
        for (ResolutionOutcome o : outcomes) {
            out.println("conflict " + Table.clean(o.conflictId()) + ": " + o.result()
                    + (o.message().isEmpty() ? "" : " (" + Table.clean(o.message()) + ")"));
            failed += o.result() == ResolutionOutcome.Result.FAILED ? 1 : 0;
        }
        if (failed > 0) {
            throw new NotResolvedException("resolve: " + failed + " of " + outcomes.size()
                    + " conflict(s) FAILED; they stay listed, with an error event (C47)");
        }
    }

    private static ConflictChoice choice(Invocation in) {
        List<String> kept = in.options(KEEP);
        int given = (in.flag(KEEP_RECENT) ? 1 : 0) + (kept.isEmpty() ? 0 : 1) + (in.option(KEEP_OTHER) != null ? 1 : 0)
                + (in.flag(REMOVE) ? 1 : 0);
        if (given != 1) {
            throw in.usage("give exactly one of --" + KEEP_RECENT + ", --" + KEEP + " (which may repeat), --"
                    + KEEP_OTHER + " and --" + REMOVE);
        }
        if (in.flag(KEEP_RECENT)) {
            return ConflictChoice.keepRecent();
        }
        if (in.flag(REMOVE)) {
            return ConflictChoice.removeFromSyncSet();
        }
        if (in.option(KEEP_OTHER) != null) {
            if (in.option(KEEP_OTHER).isBlank()) {
                throw in.usage("--" + KEEP_OTHER + " gives no location: say where the version to keep is");
            }
            return ConflictChoice.keepOther(in.option(KEEP_OTHER));
        }
        List<ConflictChoice.Kept> versions = new ArrayList<>(kept.size());
        for (String k : kept) {
            int eq = k.indexOf('=');
            String index = eq < 0 ? k : k.substring(0, eq);
            String name = eq < 0 ? null : k.substring(eq + 1);
            if (name != null && name.isBlank()) {
                throw in.usage("--" + KEEP + " '" + Table.clean(k) + "' gives no new name after '='");
            }
            versions.add(new ConflictChoice.Kept((int) in.number("--" + KEEP, index, 0, Integer.MAX_VALUE), name));
        }
        return ConflictChoice.keepItems(versions);
    }

    private static String dash(String value) {
        return value.isEmpty() ? "-" : value;
    }

    /**
     * The control service names the argument of the call it refused ({@code conflictIds[1]},
     * {@code choice.kept}); the person at the shell typed an argument or an option, so the message
     * names that instead. A refused handler ID passes through as it does for every other command.
     */
    private static RuntimeException named(Invocation in, SyncArgumentException e) {
        String field = e.argument();
        String shown = switch (field) {
            case "conflictIds" -> "<conflictId>";
            case "choice.kept" -> "--" + KEEP;
            case "choice.other" -> "--" + KEEP_OTHER;
            default -> field.startsWith("conflictIds[") ? "<conflictId>" : null;
        };
        return shown == null ? e : in.usage(shown + " " + e.getMessage().substring(field.length() + 2));
    }
}
