package dev.synccenter.shell;

import java.util.List;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Component;

/**
 * The hidden Gogo function {@code sync:_completions}, which the distribution's etc/gosh_profile
 * calls once when the console starts: it declares every {@code sync:} command to the shell's
 * {@code complete} builtin (gogo.jline's): its description, shown beside the command when Tab
 * lists commands; its options; and {@code sync:_candidates} ({@link CandidatesFunction}) as the
 * source of its arguments. A leading underscore keeps it out of the completion of command names.
 *
 * <p>It reads the commands' table ({@link SyncCommands#catalog()}), not the running commands, so
 * that it is there before the control service: the console starts after the platform's bundles
 * (a later start level), but the engine comes up on a thread of its own and may be later still.
 * Declared completions are looked up on each Tab, so they work as soon as the commands are there.
 */
@Component(service = Function.class, property = {
        CommandProcessor.COMMAND_SCOPE + "=" + ShellComponent.SCOPE,
        CommandProcessor.COMMAND_FUNCTION + "=" + CompletionInstaller.NAME })
public final class CompletionInstaller implements Function {

    static final String NAME = "_completions";
    /** What JLine evaluates for an argument: the parsed line is in the session as {@code .commandLine}. */
    static final String CANDIDATES_SCRIPT = ShellComponent.SCOPE + ":" + CandidatesFunction.NAME
            + " ($.commandLine words) ($.commandLine wordIndex)";
    private static final String ARG = "__sync_complete_";

    private final SyncCommands catalog = SyncCommands.catalog();

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        for (String name : catalog.names()) {
            String command = ShellComponent.SCOPE + ":" + name;
            complete(session, "-c", command, "-e");
            complete(session, "-c", command, "-d", catalog.description(name));
            complete(session, "-c", command, "-a", CANDIDATES_SCRIPT);
            for (String option : catalog.usage(name).options()) {
                complete(session, "-c", command, "-l", option);
            }
        }
        return null;
    }

    /**
     * Runs the shell's {@code complete} builtin with these arguments, passed in session variables
     * so that a description is never parsed as script.
     */
    private static void complete(CommandSession session, String... argv) throws Exception {
        StringBuilder line = new StringBuilder("gogo:complete");
        for (int i = 0; i < argv.length; i++) {
            session.put(ARG + i, argv[i]);
            line.append(" $").append(ARG).append(i);
        }
        try {
            session.execute(line);
        } finally {
            for (int i = 0; i < argv.length; i++) {
                session.put(ARG + i, null);
            }
        }
    }
}
