package dev.synccenter.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.synccenter.impl.engine.RetryOverrides;

/** A handler's own retry settings from its service properties (C43): good values kept, bad ones named and ignored. */
class HandlerRetryPropertiesTest {

    private final List<String> warnings = new ArrayList<>();

    // C43
    @Test
    void c43_aHandlerSaysHowItsItemsAreRetried() {
        RetryOverrides o = HandlerRetryProperties.read(Map.of("initial.seconds", "5", "factor", 3, "max.seconds", 600L,
                "jitter.percent", "0", "max.attempts", "10"), "handler service 7 of x 1", warnings::add);
        assertThat(o).isEqualTo(new RetryOverrides(Duration.ofSeconds(5), 3, Duration.ofSeconds(600), 0, 10));
        assertThat(warnings).isEmpty();
    }

    // C43
    @Test
    void c43_whatItDoesNotSayIsTheEngines() {
        assertThat(HandlerRetryProperties.read(Map.of("max.attempts", "1"), "s", warnings::add))
                .isEqualTo(new RetryOverrides(null, null, null, null, 1));
    }

    // C43
    @Test
    void c43_aBadValueIsNamedWithItsServiceAndIgnored() {
        RetryOverrides o = HandlerRetryProperties.read(Map.of("max.attempts", "0", "factor", "twice"),
                "handler service 7 of x 1", warnings::add);
        assertThat(o).isEqualTo(RetryOverrides.NONE);
        assertThat(warnings).hasSize(2).allMatch(w -> w.contains("handler service 7 of x 1"))
                .anyMatch(w -> w.contains("sync.retry.max.attempts=0") && w.contains("1 to 1000"))
                .anyMatch(w -> w.contains("sync.retry.factor=twice"));
    }
}
