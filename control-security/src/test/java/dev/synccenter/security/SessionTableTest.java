package dev.synccenter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.security.Caller;
import dev.synccenter.control.security.Role;

class SessionTableTest {

    private final TestClock clock = new TestClock();
    private final SessionTable sessions = new SessionTable(Duration.ofMinutes(30), Duration.ofHours(12), 3, clock,
            new Secrets(new SecureRandom()));
    private final Caller operator = new Caller("operator", Role.OPERATOR, "password");

    // C48: sessions have unguessable IDs and end when idle
    @Test
    void c48_aSessionEndsAfterItsIdleTime() {
        String id = sessions.open(operator);
        assertThat(id).matches("[A-Za-z0-9_-]{43}"); // 256 bits
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.get(id)).contains(operator);
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.get(id)).as("used 29 minutes ago").contains(operator);
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.get(id)).isEmpty();
        assertThat(sessions.get(id + "x")).isEmpty();
        assertThat(sessions.get(null)).isEmpty();
    }

    @Test
    void c48_aSessionEndsAtItsMaximumHoweverBusy() {
        String id = sessions.open(operator);
        for (int i = 0; i < 47; i++) {
            clock.advance(Duration.ofMinutes(15));
            assertThat(sessions.get(id)).isPresent();
        }
        clock.advance(Duration.ofMinutes(15)); // 12 h after it opened
        assertThat(sessions.get(id)).isEmpty();
    }

    @Test
    void c48_theTableIsBoundedAndDropsTheSessionUsedLongestAgo() {
        String a = sessions.open(operator);
        String b = sessions.open(operator);
        String c = sessions.open(operator);
        sessions.get(a); // b is now the one used longest ago
        String d = sessions.open(operator);
        assertThat(sessions.size()).isEqualTo(3);
        assertThat(sessions.get(b)).isEmpty();
        assertThat(sessions.get(a)).isPresent();
        assertThat(sessions.get(c)).isPresent();
        assertThat(sessions.get(d)).isPresent();
        sessions.close(d);
        assertThat(sessions.get(d)).isEmpty();
        sessions.close("unknown");
        sessions.close(null);
    }
}
