package dev.synccenter.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.ItemSnapshot;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncControl;

/**
 * What the console's Tab offers for a {@code sync:} command's argument, read from the command's
 * usage line (which argument or option value the cursor is on) and from the control service (the
 * handler IDs, a handler's item IDs, the open requests, the schedules, a handler's conflicts), so
 * that it is what the command would accept now. Free of Gogo and JLine: the console's glue
 * ({@link GogoCommands}) passes the words of the line and the index of the word being completed.
 * A completion never fails: whatever goes wrong offers nothing.
 */
final class Completions {

    /** A placeholder that lists the values themselves, e.g. {@code QUEUED|PARKED|WAITING|RUNNING}. */
    private static final Pattern CHOICES = Pattern.compile("[A-Z_]+(\\|[A-Z_]+)+");
    private static final String SCOPE_PREFIX = ShellComponent.SCOPE + ":";

    private final SyncCommands commands;
    private final SyncControl control;

    Completions(SyncCommands commands, SyncControl control) {
        this.commands = commands;
        this.control = control;
    }

    /**
     * The candidates for {@code words.get(index)}, the word under the cursor (possibly empty), of a
     * line whose first word is the command ({@code sync:start} or {@code start}); the caller
     * filters them by what was typed.
     */
    List<String> candidates(List<String> words, int index) {
        if (words.isEmpty() || index < 1 || index >= words.size()) {
            return List.of();
        }
        String name = words.get(0);
        name = name.startsWith(SCOPE_PREFIX) ? name.substring(SCOPE_PREFIX.length()) : name;
        if (!commands.names().contains(name)) {
            return List.of();
        }
        try {
            return candidates(name, commands.usage(name), words.subList(1, index), words.get(index));
        } catch (RuntimeException e) {
            return List.of(); // e.g. the control service went away while Tab was pressed
        }
    }

    private List<String> candidates(String command, Usage usage, List<String> before, String current) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        String pending = null; // an option whose value is the next word
        boolean optionsEnded = false;
        for (String word : before) {
            if (pending != null) {
                options.put(pending, word);
                pending = null;
            } else if (!optionsEnded && word.equals("--")) {
                optionsEnded = true;
            } else if (!optionsEnded && word.startsWith("--")) {
                String option = word.substring(2);
                int eq = option.indexOf('=');
                if (eq >= 0) {
                    options.put(option.substring(0, eq), option.substring(eq + 1));
                } else if (usage.takesValue(option)) {
                    pending = option;
                }
            } else {
                positional.add(word);
            }
        }
        if (pending != null) {
            return optionValues(pending, usage.placeholder(pending), options);
        }
        if (!optionsEnded && current.startsWith("-")) {
            return usage.options().stream().map(o -> "--" + o).toList();
        }
        String argument = usage.argumentAt(positional.size());
        if (argument == null) {
            return List.of();
        }
        String handler = handlerOf(usage, positional);
        return switch (argument) {
            case "handler" -> handlerIds();
            case "item" -> itemIds(handler);
            case "conflictId" -> control.conflicts(handler, null).stream().map(SyncConflict::id).toList();
            case "command" -> commands.names().stream().toList();
            case "id" -> command.contains("schedule") ? scheduleIds() : requestIds();
            default -> List.of(); // a count, a name, a user: nothing to offer
        };
    }

    private List<String> optionValues(String option, String placeholder, Map<String, String> options) {
        if (option.equals("handler")) {
            return handlerIds();
        }
        if (option.equals("item")) {
            return itemIds(options.get("handler"));
        }
        if (placeholder != null && CHOICES.matcher(placeholder).matches()) {
            return List.of(placeholder.split("\\|"));
        }
        return List.of();
    }

    /** The value of the positional argument named {@code handler}, if the line has it yet. */
    private static String handlerOf(Usage usage, List<String> positional) {
        for (int i = 0; i < positional.size(); i++) {
            if ("handler".equals(usage.argumentAt(i))) {
                return positional.get(i);
            }
        }
        return null;
    }

    private List<String> handlerIds() {
        return control.handlers().stream().map(HandlerSnapshot::id).toList();
    }

    private List<String> itemIds(String handler) {
        if (handler == null) {
            return List.of();
        }
        return control.handler(handler).map(h -> h.items().stream().map(ItemSnapshot::id).toList())
                .orElse(List.of());
    }

    private List<String> requestIds() {
        return control.requests().stream().map(r -> String.valueOf(r.id())).toList();
    }

    private List<String> scheduleIds() {
        return control.schedules().stream().map(s -> s.spec().id()).toList();
    }
}
