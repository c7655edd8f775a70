package dev.synccenter.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * One command line as the command endpoint receives it: a {@code sync:} command and its
 * arguments. Words are separated by spaces or tabs; {@code '...'} keeps what it encloses as it
 * is, {@code "..."} too except that {@code \"} and {@code \\} stand for {@code "} and {@code \};
 * outside quotes a backslash keeps the next character. {@code ''} is an empty argument.
 *
 * <p>The command may be written with its scope ({@code sync:start}) or without ({@code start});
 * any other scope is refused, so that a line can never reach a command of another scope (for
 * example Gogo's {@code felix:start}) when a {@code sync:} command is missing.
 */
record CommandLine(String name, List<String> args) {

    static final String SCOPE_PREFIX = ShellComponent.SCOPE + ":";

    /** Splits the line; a {@link UsageException} for an empty line, an open quote or another scope. */
    static CommandLine parse(String line) {
        List<String> words = words(line == null ? "" : line);
        if (words.isEmpty()) {
            throw new UsageException("empty command line; try: help");
        }
        String name = words.get(0);
        if (name.startsWith(SCOPE_PREFIX)) {
            name = name.substring(SCOPE_PREFIX.length());
        } else if (name.contains(":")) {
            throw new UsageException("only " + SCOPE_PREFIX + " commands run here, '" + Table.clean(name)
                    + "' is not one; try: help");
        }
        return new CommandLine(name, List.copyOf(words.subList(1, words.size())));
    }

    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"'
                        || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new UsageException("the command line has a " + quote + " quote that is not closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
