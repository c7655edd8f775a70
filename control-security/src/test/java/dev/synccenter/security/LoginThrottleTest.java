package dev.synccenter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final TestClock clock = new TestClock();
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(10), 100, clock);

    // C48: a local attacker cannot guess passwords at the speed of the machine
    @Test
    void c48_failuresBeyondTheFreeOnesLockTheNameForADoublingDelay() {
        assertThat(throttle.failed("operator")).isZero();
        assertThat(throttle.failed("operator")).isZero();
        assertThat(throttle.failed("operator")).isZero();
        assertThat(throttle.locked("operator")).isEmpty();
        assertThat(throttle.failed("operator")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.locked("operator")).contains(Duration.ofSeconds(1));
        assertThat(throttle.locked("someone-else")).as("per name").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.locked("operator")).isEmpty();
        assertThat(throttle.failed("operator")).isEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        assertThat(throttle.failed("operator")).isEqualTo(Duration.ofSeconds(4));
        clock.advance(Duration.ofSeconds(4));
        assertThat(throttle.failed("operator")).isEqualTo(Duration.ofSeconds(8));
        clock.advance(Duration.ofSeconds(8));
        assertThat(throttle.failed("operator")).as("capped").isEqualTo(Duration.ofSeconds(10));
        for (int i = 0; i < 100; i++) {
            throttle.failed("operator");
        }
        assertThat(throttle.locked("operator")).contains(Duration.ofSeconds(10));
    }

    @Test
    void c48_aSuccessClearsTheCountAndTheTableIsBounded() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("operator");
        }
        throttle.succeeded("operator");
        assertThat(throttle.failures("operator")).isZero();
        assertThat(throttle.locked("operator")).isEmpty();

        throttle.failed("first");
        for (int i = 0; i < 100; i++) {
            throttle.failed("name-" + i);
        }
        assertThat(throttle.failures("first")).as("dropped: the table keeps 100 names").isZero();
        assertThat(throttle.failures("name-99")).isEqualTo(1);
    }
}
