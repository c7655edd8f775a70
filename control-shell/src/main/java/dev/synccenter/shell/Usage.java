package dev.synccenter.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's usage line, read as the grammar of its arguments, so that what {@code help} shows
 * and what the command accepts are one text and cannot drift apart. The first word is the
 * command's name; {@code <name>} is a required argument and {@code [name]} an optional one;
 * {@code ...} after an argument lets it repeat; {@code [--flag]} is an option without a value and
 * {@code [--option value]} one with a value.
 */
final class Usage {

    private final String text;
    private final String name;
    private final List<String> arguments = new ArrayList<>();
    private final Set<String> flags = new HashSet<>();
    private final Set<String> valued = new HashSet<>();
    /** Every option, flag or valued, in the order of the usage line (for completion). */
    private final Set<String> options = new LinkedHashSet<>();
    /** What the usage line shows for a valued option's value: {@code h}, {@code n}, {@code QUEUED|PARKED}. */
    private final Map<String, String> placeholders = new HashMap<>();
    private int min;
    private int max;

    Usage(String text) {
        this.text = text;
        String[] words = text.split(" ");
        this.name = words[0];
        int depth = 0;
        String option = null; // an option whose value may follow inside the same brackets
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            int opens = count(word, '[', true);
            int closes = count(word, ']', false);
            String core = word.substring(opens, word.length() - closes);
            depth += opens;
            if (core.startsWith("--")) {
                option = core.substring(2);
                flags.add(option);
                options.add(option);
            } else if (option != null) {
                flags.remove(option);
                valued.add(option);
                placeholders.put(option, core);
                option = null;
            } else {
                arguments.add(core.replace("<", "").replace(">", "").replace("...", ""));
                min += depth == 0 ? 1 : 0;
                max = core.endsWith("...") || max == Integer.MAX_VALUE ? Integer.MAX_VALUE : max + 1;
            }
            depth -= closes;
            if (closes > 0) {
                option = null;
            }
        }
    }

    String name() {
        return name;
    }

    String text() {
        return text;
    }

    /**
     * The name of the positional argument at {@code position} (from 0), as the usage line shows it
     * ({@code handler}, {@code item}, {@code id}); the repeating last one for any later position;
     * null past the last one.
     */
    String argumentAt(int position) {
        if (position < 0 || arguments.isEmpty()) {
            return null;
        }
        if (position < arguments.size()) {
            return arguments.get(position);
        }
        return max == Integer.MAX_VALUE ? arguments.get(arguments.size() - 1) : null;
    }

    /** The options' names, without {@code --}, in the order of the usage line. */
    Set<String> options() {
        return options;
    }

    /** Whether an option takes a value ({@code --limit n}) rather than being a flag. */
    boolean takesValue(String option) {
        return valued.contains(option);
    }

    /** What the usage line shows for a valued option's value, e.g. {@code QUEUED|PARKED}; null for a flag. */
    String placeholder(String option) {
        return placeholders.get(option);
    }

    /** The arguments as the command reads them; a {@link UsageException} if they break the usage. */
    Invocation parse(List<String> args) {
        return new Invocation(name, text, args, flags, valued).expect(min, max, arguments.toArray(String[]::new));
    }

    private static int count(String word, char bracket, boolean leading) {
        int n = 0;
        while (n < word.length() && word.charAt(leading ? n : word.length() - 1 - n) == bracket) {
            n++;
        }
        return n;
    }
}
