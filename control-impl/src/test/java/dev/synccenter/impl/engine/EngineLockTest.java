package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The lock discipline is checked by assertions: these tests show that they are on in the test run
 * (so every "lock held" assertion in the engine is really checked) and what they catch.
 */
class EngineLockTest {

    private final EngineLock lock = new EngineLock();

    @Test
    void aPartCalledWithoutTheLockFailsLoudly() {
        assertThatThrownBy(lock::assertHeld).isInstanceOf(AssertionError.class).hasMessageContaining("must be held");
        lock.run(lock::assertHeld);
    }

    @Test
    void foreignCodeCalledUnderTheLockFailsLoudly() {
        lock.assertNotHeld();
        lock.lock();
        try {
            assertThatThrownBy(lock::assertNotHeld).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("foreign code");
        } finally {
            lock.unlock();
        }
    }

    @Test
    void aMutationFromTheWrongPlaceIsCaught() {
        Policies policies = new Policies(lock, dev.synccenter.impl.state.StateStore.inMemory());
        assertThatThrownBy(policies::beginStopping).isInstanceOf(AssertionError.class);
        assertThat(lock.call(() -> {
            policies.beginStopping();
            return policies.stopping();
        })).isTrue();
    }
}
