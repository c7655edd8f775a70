package dev.synccenter.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.HandlerAvailability;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.HandlerType;
import dev.synccenter.control.ItemSnapshot;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.RequestSnapshot;

/** The console's Tab candidates come from the usage lines and from what the control service has now. */
class CompletionsTest {

    private final FakeControl control = new FakeControl();
    private final SyncCommands commands = new SyncCommands(control, id -> 0, Duration.ofMillis(1));
    private final Completions completions = new Completions(commands, control);

    CompletionsTest() {
        control.handlers.add(handler("demo", "alpha", "beta"));
        control.handlers.add(handler("folders", "pair-example"));
    }

    private static HandlerSnapshot handler(String id, String... items) {
        List<ItemSnapshot> snapshots = Arrays.stream(items)
                .map(i -> new ItemSnapshot(i, i, "", "", null, true, true, Set.of(), Set.of(), false)).toList();
        return new HandlerSnapshot(id, id, HandlerType.APPLICATION, "", "", null, true, true, true, Set.of(),
                Set.of(), snapshots, HandlerAvailability.SERVING, id + " 1.0.0", 1, 0, 0, 0);
    }

    /** The candidates for the last word of the line, as the console splits it (a trailing space: an empty word). */
    private List<String> tab(String line) {
        List<String> words = List.of(line.split(" ", -1));
        return completions.candidates(words, words.size() - 1);
    }

    @Test
    void aHandlerArgumentOffersTheHandlersTheControlServiceHasNow() {
        assertThat(tab("sync:start ")).containsExactly("demo", "folders");
        assertThat(tab("items d")).containsExactly("demo", "folders"); // the shell filters by what was typed
        control.handlers.remove(1);
        assertThat(tab("sync:start-handler ")).containsExactly("demo");
    }

    @Test
    void anItemArgumentOffersTheItemsOfTheHandlerOnTheLine() {
        assertThat(tab("sync:start demo ")).containsExactly("alpha", "beta");
        assertThat(tab("sync:start demo alpha ")).as("item... repeats").containsExactly("alpha", "beta");
        assertThat(tab("sync:start folders ")).containsExactly("pair-example");
        assertThat(tab("sync:start --ignore-if-syncing demo ")).as("a flag is not an argument")
                .containsExactly("alpha", "beta");
        assertThat(tab("sync:start nosuch ")).isEmpty();
        assertThat(tab("sync:enable demo ")).containsExactly("alpha", "beta");
        assertThat(tab("sync:enable demo alpha ")).as("past the last argument").isEmpty();
        assertThat(tab("sync:schedule nightly demo ")).containsExactly("alpha", "beta");
    }

    @Test
    void optionsAndTheirValues() {
        assertThat(tab("sync:requests --")).containsExactly("--handler", "--state", "--limit");
        assertThat(tab("sync:requests --state ")).containsExactly("QUEUED", "PARKED", "WAITING", "RUNNING");
        assertThat(tab("sync:requests --handler ")).containsExactly("demo", "folders");
        assertThat(tab("sync:events --handler demo --item ")).containsExactly("alpha", "beta");
        assertThat(tab("sync:requests --limit ")).as("a number: nothing to offer").isEmpty();
        assertThat(tab("sync:schedule x demo --every ")).as("examples are not choices").isEmpty();
        assertThat(tab("sync:start demo -- ")).as("after --, no options").containsExactly("alpha", "beta");
    }

    @Test
    void requestIdsAndCommandNames() {
        control.requests.put(7L, new RequestSnapshot(7, "demo", RequestKind.ITEM_SYNC, Set.of(), RequestPhase.QUEUED,
                Instant.EPOCH, null, List.of(), null));
        assertThat(tab("sync:wait ")).containsExactly("7");
        assertThat(tab("sync:help ")).contains("start", "start-handler", "help").hasSize(commands.names().size());
    }

    @Test
    void nothingForWhatIsNotASyncCommandOrCannotBeAnswered() {
        assertThat(tab("felix:lb ")).isEmpty();
        assertThat(tab("sync:nosuch ")).isEmpty();
        assertThat(tab("sync:load demo ")).as("a count").isEmpty();
        assertThat(completions.candidates(List.of("sync:start"), 0)).as("the command word itself").isEmpty();
        SyncCommands catalog = SyncCommands.catalog();
        assertThat(new Completions(catalog, null).candidates(List.of("sync:start", ""), 1))
                .as("no control service").isEmpty();
    }
}
