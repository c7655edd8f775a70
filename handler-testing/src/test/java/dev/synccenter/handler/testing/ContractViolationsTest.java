package dev.synccenter.handler.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.handler.CancelRequest;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;

/** Handlers that break a rule: the harness answers as the platform does, names the rule, and fails every assertion. */
class ContractViolationsTest {

    @Test
    void c14_aSecondFinalStatusOtherThanFailedIsRefusedAndFailsTheItem() {
        TestHandler handler = TestHandler.withItems((ids, cb) -> {
            cb.reportProgress("alpha", null, ProgressStatus.SUCCEEDED, 1, 1);
            cb.reportProgress("alpha", null, ProgressStatus.SUCCEEDED, 1, 1);
        }, "alpha");

        SyncRun run = HandlerHarness.of(handler).sync("alpha");

        assertThat(run.thrown()).isInstanceOf(IllegalStateException.class).hasMessageContaining("(C14)");
        assertThat(run.status("alpha")).isEqualTo(ProgressStatus.FAILED);
        assertThat(run.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("C14");
            assertThat(v.message()).contains("item 'alpha' reported SUCCEEDED -> SUCCEEDED");
        });
        assertThatThrownBy(() -> run.assertFailed("alpha")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the handler broke the contract").hasMessageContaining("C14: item 'alpha'");
    }

    @Test
    void c14_failedAfterAnotherFinalStatusIsAccepted() {
        TestHandler handler = TestHandler.withItems((ids, cb) -> {
            cb.reportProgress("alpha", null, ProgressStatus.SUCCEEDED, 1, 1);
            cb.reportProgress("alpha", "verify failed", ProgressStatus.FAILED, 1, 1);
        }, "alpha");

        HandlerHarness.of(handler).sync("alpha").assertPermanentFailure("alpha").assertContractKept();
    }

    @Test
    void c14_reportsForItemsOutsideTheSessionAndPlatformStatusesAreRefused() {
        TestHandler handler = TestHandler.withItems((ids, cb) -> {
            swallow(() -> cb.reportProgress("beta", null, ProgressStatus.UPDATING, 0, 1));
            swallow(() -> cb.reportProgress("alpha", null, ProgressStatus.SKIPPED, 0, 0));
            swallow(() -> cb.canContinue("gamma"));
        }, "alpha", "beta");

        SyncRun run = HandlerHarness.of(handler).sync("alpha");

        assertThat(run.violations()).extracting(Violation::rule).containsExactly("C14", "C14", "C14");
        assertThat(run.violations().get(0).message()).contains("reportProgress for item 'beta', which is not in "
                + "this session [alpha]");
        assertThat(run.violations().get(1).message()).contains("reported SKIPPED for item 'alpha'; only the "
                + "platform sets it");
        assertThatThrownBy(() -> run.assertSucceeded("alpha")).isInstanceOf(AssertionError.class);
    }

    @Test
    void c13_progressOutOfBoundsIsNamed() {
        TestHandler handler = TestHandler.withItems((ids, cb) -> {
            cb.reportProgress("alpha", null, ProgressStatus.UPDATING, 5, 3);
            cb.reportProgress("alpha", null, ProgressStatus.UPDATING, -1, 3);
            cb.reportProgress("alpha", null, ProgressStatus.UPDATING_INDETERMINATE, 9, 0); // steps ignored
        }, "alpha");

        SyncRun run = HandlerHarness.of(handler).sync("alpha");

        assertThat(run.violations()).extracting(Violation::toString).containsExactly(
                "C13: progress step 5 of 3 for item 'alpha' is out of bounds (0 <= step <= maxStep); the platform "
                        + "shows it clamped",
                "C13: progress step -1 of 3 for item 'alpha' is out of bounds (0 <= step <= maxStep); the platform "
                        + "shows it clamped");
    }

    @Test
    void c13_aReportAfterSynchronizeReturnedIsIgnoredAndNamed() throws Exception {
        CountDownLatch returned = new CountDownLatch(1);
        AtomicReference<CancelRequest> lateAnswer = new AtomicReference<>();
        AtomicReference<Thread> reporter = new AtomicReference<>();
        TestHandler handler = TestHandler.withItems((ids, cb) -> {
            Thread late = new Thread(() -> {
                awaitQuietly(returned);
                lateAnswer.set(cb.reportProgress("alpha", null, ProgressStatus.FAILED, 0, 0));
            });
            reporter.set(late);
            late.start(); // a background task that outlives the session: the bug
        }, "alpha");

        SyncRun run = HandlerHarness.of(handler).sync("alpha").assertSucceeded("alpha");
        returned.countDown();
        reporter.get().join(10_000);

        assertThat(lateAnswer.get()).isEqualTo(CancelRequest.CANCEL_ALL);
        assertThat(run.status("alpha")).as("the late report changes nothing").isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(run.violations()).singleElement().extracting(Violation::toString).asString()
                .startsWith("C13: reportProgress('alpha', FAILED) after synchronize returned");
    }

    @Test
    void c22_aHandlerThatIgnoresTheCancelIsAbandonedAndItsOpenItemsEndCanceled() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        TestHandler handler = TestHandler.withItems((ids, cb) -> {
            worker.set(Thread.currentThread());
            while (never.getCount() > 0) {
                awaitQuietly(never); // hangs, and swallows the interrupt: the bug
            }
        }, "alpha");

        SyncRun run = HandlerHarness.of(handler).withDeadline(Duration.ofMillis(200))
                .withCancelGrace(Duration.ofMillis(200)).sync("alpha");
        never.countDown();
        worker.get().join(10_000);

        assertThat(run.abandoned()).isTrue();
        assertThat(run.status("alpha")).isEqualTo(ProgressStatus.CANCELED);
        assertThat(run.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("C22");
            assertThat(v.message()).contains("did not return within the grace");
        });
    }

    @Test
    void c22_aHandlerPastTheDeadlineThatHonoursTheCancelEndsCanceledAndTheOverrunIsNamed() {
        TestHandler handler = TestHandler.withItems((ids, cb) -> {
            CountDownLatch work = new CountDownLatch(1); // work that never ends by itself
            while (cb.canContinue()) {
                work.await(5, TimeUnit.MILLISECONDS);
            }
        }, "alpha");

        SyncRun run = HandlerHarness.of(handler).withDeadline(Duration.ofMillis(100)).sync("alpha");

        assertThat(run.abandoned()).isFalse();
        assertThat(run.status("alpha")).isEqualTo(ProgressStatus.CANCELED);
        assertThat(run.violations()).singleElement().extracting(Violation::message).asString()
                .contains("asked to cancel all, it returned within the grace");
    }

    @Test
    void c32_aHandlerWithoutANameCannotBeRun() {
        SyncHandler nameless = new TestHandler((ids, cb) -> { }, SyncItem.of("a", "A")) {
            @Override
            public String name() {
                return null;
            }
        };

        assertThatThrownBy(() -> HandlerHarness.of(nameless)).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("C32: the handler's name()");
    }

    @Test
    void c1_c32_itemsWithBadOrDuplicateIdsOrNoNameAreLeftOutAndNamed() {
        TestHandler handler = new TestHandler((ids, cb) -> { }, SyncItem.of("good", "Good"),
                SyncItem.of(" padded", "Padded"), SyncItem.of("good", "Again"), SyncItem.of("nameless", null));

        HandlerHarness harness = HandlerHarness.of(handler);

        assertThat(harness.itemIds()).containsExactly("good");
        assertThat(harness.metadataViolations()).extracting(Violation::toString).containsExactly(
                "C1: items() lists an item whose ID must not have leading or trailing white space (C1); the "
                        + "platform leaves it out",
                "C1: items() lists two items with the ID 'good'; item IDs are unique within a handler, and the "
                        + "platform keeps the first",
                "C32: item 'nameless' has no name; the platform leaves it out");
        assertThatThrownBy(() -> harness.sync("good").assertSucceeded("good")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("C32: item 'nameless' has no name");
    }

    @Test
    void c16_addingAnItemThatIsInTheSessionUnknownOrDisabledIsRefused() {
        SyncItem off = new SyncItem() {
            public String id() { return "off"; }
            public String name() { return "Off"; }
            public java.util.Optional<Boolean> isEnabled() { return java.util.Optional.of(false); }
        };
        TestHandler handler = new TestHandler((ids, cb) -> {
            for (String id : java.util.List.of("alpha", "nosuch", "off")) {
                swallow(() -> {
                    cb.addItemToSession(id);
                    return null;
                });
            }
        }, SyncItem.of("alpha", "Alpha"), off);

        assertThat(HandlerHarness.of(handler).sync("alpha").violations()).extracting(Violation::toString)
                .hasSize(3).allMatch(v -> v.startsWith("C16: addItemToSession("))
                .anyMatch(v -> v.contains("already in the session")).anyMatch(v -> v.contains("not an item"))
                .anyMatch(v -> v.contains("disabled"));
    }

    private static void swallow(java.util.concurrent.Callable<?> call) {
        try {
            call.call();
        } catch (Exception expected) {
            // the platform's refusal; the harness recorded the violation
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException ignored) {
            // the harness interrupts an abandoned session; this handler ignores it
        }
    }

}
