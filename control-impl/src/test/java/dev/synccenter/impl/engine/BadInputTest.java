package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.EventFilter;
import dev.synccenter.control.HistoryFilter;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncControlFlag;

/**
 * Every argument of every control operation, tried with every kind of bad value (C1, C7): each call
 * is refused with a {@link SyncArgumentException} that names the argument, and afterwards nothing
 * is queued and no result was delivered. {@link #cases()} is the bad-input table.
 */
class BadInputTest extends EngineFixture {

    static final String LONG = "x".repeat(64);
    static final String CONTROL = "bad\u0000id";
    static final String PADDED = " padded";

    /** One row: an operation, the argument it gets wrong, and the bad value. */
    record Case(String operation, String argument, String value, Function<SyncControl, Object> call) {
        @Override
        public String toString() {
            return operation + "(" + argument + " = " + value + ")";
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String[] bad : badIds()) {
            String label = bad[0];
            String id = bad[1];
            cases.add(new Case("startItemSync", "handlerId", label,
                    c -> c.startItemSync(id, List.of("a"), null, Set.of(), null)));
            cases.add(new Case("startItemSync", "itemIds[0]", label,
                    c -> c.startItemSync("h", Collections.singletonList(id), null, Set.of(), null)));
            cases.add(new Case("startHandlerSync", "handlerId", label,
                    c -> c.startHandlerSync(id, null, Set.of(), null)));
            cases.add(new Case("stopItemSync", "handlerId", label, c -> run(() -> c.stopItemSync(id, List.of("a")))));
            cases.add(new Case("stopItemSync", "itemIds[0]", label,
                    c -> run(() -> c.stopItemSync("h", Collections.singletonList(id)))));
            cases.add(new Case("stopHandlerSync", "handlerId", label, c -> run(() -> c.stopHandlerSync(id))));
            cases.add(new Case("updateHandler", "handlerId", label, c -> run(() -> c.updateHandler(id, Set.of()))));
            cases.add(new Case("updateItem", "handlerId", label, c -> run(() -> c.updateItem(id, "a", Set.of()))));
            cases.add(new Case("updateItem", "itemId", label, c -> run(() -> c.updateItem("h", id, Set.of()))));
            cases.add(new Case("updateEvents", "handlerId", label, c -> run(() -> c.updateEvents(id, null, Set.of()))));
            cases.add(new Case("updateConflicts", "handlerId", label,
                    c -> run(() -> c.updateConflicts(id, null, Set.of()))));
            cases.add(new Case("activateHandler", "handlerId", label,
                    c -> run(() -> c.activateHandler(true, id, Set.of()))));
            cases.add(new Case("enableHandler", "handlerId", label,
                    c -> run(() -> c.enableHandler(false, id, Set.of()))));
            cases.add(new Case("enableItem", "handlerId", label,
                    c -> run(() -> c.enableItem(false, id, "a", Set.of()))));
            cases.add(new Case("enableItem", "itemId", label,
                    c -> run(() -> c.enableItem(false, "h", id, Set.of()))));
            cases.add(new Case("handler", "handlerId", label, c -> c.handler(id)));
            if (id != null) {
                cases.add(new Case("updateEvents", "itemId", label, c -> run(() -> c.updateEvents("h", id, Set.of()))));
                cases.add(new Case("updateConflicts", "itemId", label,
                        c -> run(() -> c.updateConflicts("h", id, Set.of()))));
                cases.add(new Case("events", "filter.handlerId", label,
                        c -> c.events(EventFilter.ALL.handler(id))));
                cases.add(new Case("history", "filter.handlerId", label,
                        c -> c.history(HistoryFilter.ALL.handler(id))));
                cases.add(new Case("conflicts", "handlerId", label, c -> c.conflicts(id, null)));
            }
        }
        // Unknown handler and unknown item: well-formed IDs the platform does not know.
        cases.add(new Case("startItemSync", "handlerId", "unknown handler",
                c -> c.startItemSync("nobody", List.of("a"), null, Set.of(), null)));
        cases.add(new Case("startItemSync", "itemIds[1]", "unknown item",
                c -> c.startItemSync("h", List.of("a", "zzz"), null, Set.of(), null)));
        cases.add(new Case("startHandlerSync", "handlerId", "unknown handler",
                c -> c.startHandlerSync("nobody", null, Set.of(), null)));
        cases.add(new Case("stopItemSync", "itemIds[0]", "unknown item", c -> run(() -> c.stopItemSync("h", List.of("zzz")))));
        cases.add(new Case("stopHandlerSync", "handlerId", "unknown handler", c -> run(() -> c.stopHandlerSync("nobody"))));
        cases.add(new Case("enableHandler", "handlerId", "unknown handler",
                c -> run(() -> c.enableHandler(true, "nobody", Set.of()))));
        cases.add(new Case("enableItem", "itemId", "unknown item",
                c -> run(() -> c.enableItem(true, "h", "zzz", Set.of()))));
        cases.add(new Case("activateHandler", "handlerId", "unknown handler",
                c -> run(() -> c.activateHandler(true, "nobody", Set.of()))));
        cases.add(new Case("updateHandler", "handlerId", "unknown handler", c -> run(() -> c.updateHandler("nobody", Set.of()))));
        cases.add(new Case("updateEvents", "handlerId", "unknown handler",
                c -> run(() -> c.updateEvents("nobody", null, Set.of()))));
        // Lists: null, empty, duplicates.
        cases.add(new Case("startItemSync", "itemIds", "null", c -> c.startItemSync("h", null, null, Set.of(), null)));
        cases.add(new Case("startItemSync", "itemIds", "empty", c -> c.startItemSync("h", List.of(), null, Set.of(), null)));
        cases.add(new Case("startItemSync", "itemIds[2]", "duplicate",
                c -> c.startItemSync("h", List.of("a", "b", "a"), null, Set.of(), null)));
        cases.add(new Case("stopItemSync", "itemIds", "null", c -> run(() -> c.stopItemSync("h", null))));
        cases.add(new Case("stopItemSync", "itemIds", "empty", c -> run(() -> c.stopItemSync("h", List.of()))));
        cases.add(new Case("stopItemSync", "itemIds[1]", "duplicate", c -> run(() -> c.stopItemSync("h", List.of("a", "a")))));
        // Flags: null, and a null element.
        Set<SyncControlFlag> nullSyncFlag = new java.util.HashSet<>(Arrays.asList((SyncControlFlag) null));
        cases.add(new Case("startItemSync", "flags", "null", c -> c.startItemSync("h", List.of("a"), null, null, null)));
        cases.add(new Case("startItemSync", "flags", "{null}",
                c -> c.startItemSync("h", List.of("a"), null, nullSyncFlag, null)));
        cases.add(new Case("startHandlerSync", "flags", "null", c -> c.startHandlerSync("h", null, null, null)));
        Set<ControlFlag> nullControlFlag = new java.util.HashSet<>(Arrays.asList((ControlFlag) null));
        cases.add(new Case("updateHandler", "flags", "null", c -> run(() -> c.updateHandler("h", null))));
        cases.add(new Case("updateHandlerCollection", "flags", "null", c -> run(() -> c.updateHandlerCollection(null))));
        cases.add(new Case("updateItem", "flags", "{null}", c -> run(() -> c.updateItem("h", "a", nullControlFlag))));
        cases.add(new Case("updateEvents", "flags", "null", c -> run(() -> c.updateEvents("h", null, null))));
        cases.add(new Case("updateConflicts", "flags", "null", c -> run(() -> c.updateConflicts("h", null, null))));
        cases.add(new Case("activateHandler", "flags", "null", c -> run(() -> c.activateHandler(true, "h", null))));
        cases.add(new Case("enableHandler", "flags", "null", c -> run(() -> c.enableHandler(true, "h", null))));
        cases.add(new Case("enableItem", "flags", "null", c -> run(() -> c.enableItem(true, "h", "a", null))));
        // Queries.
        cases.add(new Case("request", "requestId", "0", c -> c.request(0)));
        cases.add(new Case("request", "requestId", "-1", c -> c.request(-1)));
        cases.add(new Case("events", "filter", "null", c -> c.events(null)));
        cases.add(new Case("events", "filter.itemId", "long", c -> c.events(EventFilter.ALL.item(LONG))));
        cases.add(new Case("events", "filter.limit", "-1", c -> c.events(EventFilter.ALL.newest(-1))));
        cases.add(new Case("conflicts", "itemId", "long", c -> c.conflicts("h", LONG)));
        cases.add(new Case("history", "filter", "null", c -> c.history(null)));
        cases.add(new Case("history", "filter.limit", "-1", c -> c.history(HistoryFilter.ALL.newest(-1))));
        cases.add(new Case("history", "filter.finishedTo", "before finishedFrom", c -> c.history(
                HistoryFilter.ALL.finishedBetween(java.time.Instant.EPOCH.plusSeconds(1), java.time.Instant.EPOCH))));
        return cases;
    }

    static String[][] badIds() {
        return new String[][] { { "null", null }, { "empty", "" }, { "64 characters", LONG },
                { "control character", CONTROL }, { "leading space", PADDED } };
    }

    private static Object run(Runnable r) {
        r.run();
        return null;
    }

    // C1, C7
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void c1_c7_badInputIsRefusedNamingTheArgumentAndChangesNothing(Case c) {
        TestHandler handler = new TestHandler("a", "b");
        register("h", handler);
        Throwable thrown = catchThrowable(() -> c.call().apply(engine));
        assertThat(thrown).as(c.toString()).isInstanceOf(SyncArgumentException.class);
        assertThat(((SyncArgumentException) thrown).argument()).isEqualTo(c.argument());
        assertThat(thrown.getMessage()).startsWith(c.argument() + ": ");
        assertThat(engine.requests()).as("nothing queued").isEmpty();
        assertThat(engine.handler("h").orElseThrow().queued()).isZero();
        assertThat(handler.calls).isEmpty();
        assertThat(results.all).isEmpty();
        assertThat(engine.handler("h").orElseThrow().enabled()).isTrue();
        assertThat(engine.handler("h").orElseThrow().items()).allMatch(i -> i.enabled());
    }
}
