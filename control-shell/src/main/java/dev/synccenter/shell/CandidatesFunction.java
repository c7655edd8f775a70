package dev.synccenter.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;

/**
 * The hidden Gogo function {@code sync:_candidates}, which the console's JLine completer calls on
 * Tab (as {@link CompletionInstaller} declared) with the words of the line and the index of the
 * word under the cursor; it answers from {@link Completions}: handler IDs, a handler's item IDs,
 * request and schedule IDs, the values an option lists. Registered with the commands, while the
 * control service is there.
 */
final class CandidatesFunction implements Function {

    static final String NAME = "_candidates";

    private final Completions completions;

    CandidatesFunction(Completions completions) {
        this.completions = completions;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        if (arguments.size() != 2 || !(arguments.get(0) instanceof List<?> words)
                || !(arguments.get(1) instanceof Number index)) {
            return List.of();
        }
        List<String> text = new ArrayList<>(words.size());
        words.forEach(w -> text.add(String.valueOf(w)));
        return completions.candidates(text, index.intValue());
    }
}
