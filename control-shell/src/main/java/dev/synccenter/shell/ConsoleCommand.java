package dev.synccenter.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;

/**
 * One {@code sync:} command as the Gogo console calls it: the command of {@link SyncCommands} of
 * that name, with the console's differences from the command endpoint. A failure is a
 * {@link ConsoleError}, one line as bin/sync shows it. {@code help} names the framework's own
 * commands besides, and hands a question about one of them ({@code help lb}) to Gogo's own help.
 */
final class ConsoleCommand implements Function {

    /** Gogo's own help command (gogo.jline's), for the framework's commands. */
    static final String GOGO_HELP = "gogo:help";
    /** The session variable that carries a help topic to Gogo's help, so that it is never parsed as script. */
    private static final String HELP_TOPIC = "__sync_help_topic";
    private static final String SCOPE_PREFIX = ShellComponent.SCOPE + ":";

    private final String name;
    private final SyncCommands commands;

    ConsoleCommand(String name, SyncCommands commands) {
        this.name = name;
        this.commands = commands;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        List<String> args = new ArrayList<>(arguments.size());
        for (Object argument : arguments) {
            args.add(argument == null ? "" : argument.toString());
        }
        if (name.equals("help") && args.size() == 1 && isFrameworkCommand(session, args.get(0))) {
            session.put(HELP_TOPIC, args.get(0));
            try {
                return session.execute(GOGO_HELP + " $" + HELP_TOPIC);
            } finally {
                session.put(HELP_TOPIC, null);
            }
        }
        try {
            // Gogo redirects System.out per thread to the session's (or the pipe's) output.
            commands.execute(name, args, System.out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleError("interrupted"); // Ctrl-C during follow or wait
        } catch (RuntimeException e) {
            throw new ConsoleError(e);
        }
        if (name.equals("help") && args.isEmpty() && knowsGogoHelp(session)) { // not in Karaf's shell
            System.out.println(GOGO_HELP + " lists every command of this console, the framework's too");
        }
        return null;
    }

    /** A command of another scope than sync: that this session knows, and Gogo's help describes. */
    private boolean isFrameworkCommand(CommandSession session, String topic) {
        String bare = topic.startsWith(SCOPE_PREFIX) ? topic.substring(SCOPE_PREFIX.length()) : topic;
        if (commands.names().contains(bare) || !knowsGogoHelp(session)) {
            return false;
        }
        return ((Set<?>) session.get(".commands")).stream().map(String::valueOf)
                .anyMatch(c -> !c.startsWith(SCOPE_PREFIX) && (c.equals(topic) || c.endsWith(":" + topic)));
    }

    /** Whether this session has Gogo's own help (the distribution's console has, Karaf's shell has not). */
    private static boolean knowsGogoHelp(CommandSession session) {
        return session.get(".commands") instanceof Set<?> known && known.contains(GOGO_HELP);
    }

    @Override
    public String toString() {
        return SCOPE_PREFIX + name;
    }
}
