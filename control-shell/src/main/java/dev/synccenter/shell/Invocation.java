package dev.synccenter.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One command's arguments, split into positional arguments and {@code --options}. Options are
 * accepted anywhere on the line, as {@code --name value} or {@code --name=value}; {@code --} ends
 * the options, so that an item ID may start with two dashes. Anything that breaks the command's
 * usage is a {@link UsageException} naming the command and showing its usage.
 */
final class Invocation {

    private final String command;
    private final String usage;
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();
    /** Every value of each valued option, in order, for an option that may repeat ({@code --keep 0 --keep 1}). */
    private final Map<String, List<String>> repeated = new HashMap<>();

    /**
     * @param flags options without a value
     * @param valued options that take a value
     */
    Invocation(String command, String usage, List<String> args, Set<String> flags, Set<String> valued) {
        this.command = command;
        this.usage = usage;
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw usage("option --" + name + " takes no value");
                }
                options.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw usage("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                options.put(name, value);
                repeated.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else {
                throw usage("unknown option --" + name);
            }
        }
    }

    UsageException usage(String problem) {
        return new UsageException(command + ": " + problem + "; usage: " + usage);
    }

    /** Fails unless there are at least {@code min} and at most {@code max} positional arguments. */
    Invocation expect(int min, int max, String... names) {
        if (positional.size() < min) {
            throw usage("missing argument <" + names[Math.min(positional.size(), names.length - 1)] + ">");
        }
        if (positional.size() > max) {
            throw usage("unexpected argument '" + positional.get(max) + "'");
        }
        return this;
    }

    String arg(int index) {
        return positional.get(index);
    }

    String arg(int index, String orElse) {
        return index < positional.size() ? positional.get(index) : orElse;
    }

    List<String> args(int from) {
        return List.copyOf(positional.subList(Math.min(from, positional.size()), positional.size()));
    }

    int size() {
        return positional.size();
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String option(String name) {
        return options.get(name);
    }

    /** Every value given to an option that may repeat, in order; empty when it was not given. */
    List<String> options(String name) {
        return List.copyOf(repeated.getOrDefault(name, List.of()));
    }

    /**
     * A whole number argument or option value.
     *
     * @param name the argument's name in the usage, or the option with its dashes ({@code --limit})
     */
    long number(String name, String value, long min, long max) {
        String shown = name.startsWith("--") ? name : "<" + name + ">";
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw usage(shown + " must be a whole number, was '" + Table.clean(value) + "'");
        }
        if (n < min || n > max) {
            throw usage(shown + " must be " + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? "at least " + min
                    : "from " + min + " to " + max) + ", was " + n);
        }
        return n;
    }
}
