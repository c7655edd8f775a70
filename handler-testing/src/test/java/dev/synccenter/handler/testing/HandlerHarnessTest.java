package dev.synccenter.handler.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.handler.CancelRequest;
import dev.synccenter.handler.ItemFailure;
import dev.synccenter.handler.SyncItem;

/** The harness runs handlers that keep the contract as the platform runs them, and tells what became of each item. */
class HandlerHarnessTest {

    @Test
    void c15_itemsLeftOpenEndSucceededAndReportedOnesKeepTheirStatus() {
        TestHandler handler = TestHandler.withItems((ids, cb) -> {
            cb.reportProgress("alpha", "half", ProgressStatus.UPDATING, 1, 2);
            cb.reportProgress("alpha", "done", ProgressStatus.SUCCEEDED, 2, 2);
        }, "alpha", "beta");

        SyncRun run = HandlerHarness.of(handler).sync("alpha", "beta").assertSucceeded("alpha", "beta");

        assertThat(run.item("alpha").byHandler()).isTrue();
        assertThat(run.item("alpha").reports()).extracting(Report::text).containsExactly("half", "done");
        assertThat(run.item("beta").byHandler()).as("C15: beta was left open").isFalse();
        assertThat(run.violations()).isEmpty();
        assertThatThrownBy(() -> run.assertReportedFinalStatus("beta")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("item 'beta': the handler reported no final status");
    }

    @Test
    void c12_synchronizeRunsOnAWorkerThreadWithTheContextAndARequestIdPerSync() {
        List<String> seen = new ArrayList<>();
        dev.synccenter.handler.SyncHandler handler = new TestHandler(null, SyncItem.of("a", "A")) {
            @Override
            public void synchronize(List<String> ids, dev.synccenter.handler.SyncCallback cb, Object context,
                    long requestId) {
                seen.add(Thread.currentThread().getName() + " " + context + " " + requestId);
            }
        };
        HandlerHarness harness = HandlerHarness.of(handler);
        harness.sync(List.of("a"), "ctx").assertSucceeded("a");
        harness.sync("a").assertSucceeded("a");

        assertThat(seen).containsExactly("sync-harness-request-1 ctx 1", "sync-harness-request-2 null 2");
        assertThat(seen.get(0)).doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void c15_c42_anExceptionFailsTheOpenItemsTransientlyWithAnErrorEvent() {
        TestHandler handler = TestHandler.withItems((ids, cb) -> {
            cb.reportProgress("alpha", null, ProgressStatus.SUCCEEDED, 1, 1);
            throw new IOException("disk full");
        }, "alpha", "beta");

        SyncRun run = HandlerHarness.of(handler).sync("alpha", "beta").assertSucceeded("alpha")
                .assertTransientFailure("beta");

        assertThat(run.thrown()).hasMessage("disk full");
        assertThat(run.events()).anySatisfy(e -> assertThat(e.description()).contains("disk full"));
        assertThat(run.events("beta")).as("C18: every failed item has an error event").singleElement()
                .satisfies(e -> assertThat(e.byPlatform()).isTrue());
        assertThat(run.errorCount()).isEqualTo(2);
    }

    @Test
    void c42_failuresReportedAsTransientOrPermanentOrThroughFailedAndDisconnected() {
        TestHandler handler = TestHandler.withItems((ids, cb) -> {
            cb.reportFailure("a", ItemFailure.transientFailure("network down"));
            cb.reportFailure("b", ItemFailure.permanent("bad password"));
            cb.reportEvent("c", EventLevel.ERROR, "Copy failed", "c is read-only");
            cb.reportProgress("c", null, ProgressStatus.FAILED, 0, 0);
            cb.reportProgress("d", null, ProgressStatus.DISCONNECTED, 0, 0);
        }, "a", "b", "c", "d");

        SyncRun run = HandlerHarness.of(handler).sync("a", "b", "c", "d").assertTransientFailure("a")
                .assertPermanentFailure("b").assertPermanentFailure("c").assertDisconnected("d");

        assertThat(run.item("a").failure().reason()).isEqualTo("network down");
        assertThat(run.events("c")).extracting(Event::name, Event::byPlatform).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Copy failed", false));
        assertThat(run.events("a")).as("C18: the platform adds the error event").hasSize(1);
        assertThatThrownBy(() -> run.assertSucceeded("a")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("item 'a': expected SUCCEEDED, was FAILED (reported by the handler), "
                        + "TRANSIENT failure: network down");
    }

    @Test
    void c20_aCancelOfOneItemIsAnsweredAndTheItemLeftOpenEndsCanceled() {
        TestHandler handler = TestHandler.withItems((ids, cb) -> {
            for (String id : ids) {
                for (int step = 1; step <= 3; step++) {
                    if (cb.reportProgress(id, null, ProgressStatus.UPDATING, step, 3) == CancelRequest.CANCEL_ITEM) {
                        break;
                    }
                }
            }
        }, "alpha", "beta");

        SyncRun run = HandlerHarness.of(handler).cancelItemAfterReports("alpha", 1).sync("alpha", "beta")
                .assertCanceled("alpha").assertSucceeded("beta");

        assertThat(run.item("alpha").reports()).hasSize(1);
        assertThat(run.item("beta").reports()).hasSize(3);
    }

    @Test
    void c21_aCancelOfTheSessionTurnsCanContinueFalse() {
        TestHandler handler = TestHandler.withItems((ids, cb) -> {
            for (String id : ids) {
                if (!cb.canContinue()) {
                    return;
                }
                cb.reportProgress(id, null, ProgressStatus.SUCCEEDED, 1, 1);
            }
        }, "a", "b", "c");

        HandlerHarness.of(handler).cancelAllAfterReports(1).sync("a", "b", "c").assertSucceeded("a")
                .assertCanceled("b", "c");
    }

    @Test
    void c11_disabledItemsAreSkippedAndDisconnectedOnesNeverReachTheHandler() {
        List<String> passed = new ArrayList<>();
        SyncItem off = new SyncItem() {
            public String id() { return "off"; }
            public String name() { return "Off"; }
            public Optional<Boolean> isEnabled() { return Optional.of(false); }
        };
        SyncItem away = new SyncItem() {
            public String id() { return "away"; }
            public String name() { return "Away"; }
            public boolean isConnected() { return false; }
        };
        TestHandler handler = new TestHandler((ids, cb) -> passed.addAll(ids), SyncItem.of("on", "On"), off, away);

        HandlerHarness.of(handler).sync("on", "off", "away").assertSucceeded("on").assertSkipped("off")
                .assertDisconnected("away");
        assertThat(passed).containsExactly("on");
    }

    @Test
    void c13_itemsFoundDuringTheSyncAreProposedCommittedAndAddedToTheSession() {
        TestHandler handler = TestHandler.withItems((ids, cb) -> {
            cb.proposeItem(SyncItem.of("new", "New"));
            cb.commitItem("new");
            cb.addItemToSession("new");
            cb.reportProgress("new", null, ProgressStatus.SUCCEEDED, 1, 1);
            cb.setHandlerProgressText("found one");
            cb.reportManualSync();
        }, "a");

        SyncRun run = HandlerHarness.of(handler).sync("a").assertSucceeded("a", "new");

        assertThat(run.itemsAfterSession()).containsExactly("a", "new");
        assertThat(run.handlerProgressTexts()).containsExactly("found one");
        assertThat(run.reportedManualSync()).isTrue();
    }

    @Test
    void badArgumentsOfTheTestAreRefusedNamingTheArgument() {
        HandlerHarness harness = HandlerHarness.of(TestHandler.withItems((ids, cb) -> { }, "alpha"));

        assertThatThrownBy(() -> harness.sync("alpah")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("itemIds: 'alpah' is not an item of handler 'Test'; its items are [alpha]");
        assertThatThrownBy(() -> harness.sync("alpha", "alpha")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("itemIds: names 'alpha' twice (C7)");
        assertThatThrownBy(() -> harness.sync()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("itemIds: must not be empty");
        assertThatThrownBy(() -> harness.withDeadline(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("deadline: must be positive");
        assertThatThrownBy(() -> harness.sync("alpha").item("beta")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'beta' was not part of this sync");
    }
}
