package dev.synccenter.impl.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls into untrusted code: on a pool thread, under a deadline, inside catch Throwable (C4, C32). */
class GuardTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Guard guard = new Guard(pool, () -> Duration.ofMillis(200));

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aValueComesBackFromAPoolThreadNamedAfterTheCall() {
        Thread caller = Thread.currentThread();
        Guard.Outcome<String> outcome = guard.call("demo metadata", () -> {
            assertThat(Thread.currentThread()).isNotSameAs(caller);
            return Thread.currentThread().getName();
        });
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.value()).isEqualTo("sync-call demo metadata");
        assertThat(outcome.problem()).isNull();
    }

    // C32
    @Test
    void c32_anythingThrownBecomesAnOutcomeThatNamesIt() {
        Guard.Outcome<Object> outcome = guard.call("x", () -> {
            throw new StackOverflowError("deep");
        });
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.problem()).isEqualTo("StackOverflowError: deep");
        assertThat(outcome.orElse("fallback")).isEqualTo("fallback");
    }

    // C32
    @Test
    void c32_aCallPastTheDeadlineIsInterruptedAndReportedAsNoAnswer() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        Guard.Outcome<Void> outcome = guard.run("hang", () -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.problem()).isEqualTo("did not answer in time");
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the hanging call was interrupted").isTrue();
    }

    @Test
    void aPoolThatRefusesIsAnOutcomeNotAnException() {
        pool.shutdown();
        Guard.Outcome<String> outcome = guard.call("late", () -> "never");
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.problem()).startsWith("RejectedExecutionException");
    }
}
