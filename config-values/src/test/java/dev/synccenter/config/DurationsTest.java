package dev.synccenter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The one reader of durations that schedules' files and the shell share. (The bound of at least a
 * second is the callers': control-impl's ScheduleConfigReaderTest and control-shell's tests check it.)
 */
class DurationsTest {

    @Test
    void shortAndIsoFormsInAnyCase() {
        Map<String, String> forms = Map.of("30s", "PT30S", "15m", "PT15M", "1d", "PT24H", "1h30m", "PT1H30M",
                "2H 5M", "PT2H5M", " pt1h ", "PT1H", "P1DT12H", "PT36H", "PT2.5S", "PT2.5S", "-PT1M", "PT-1M", "0s",
                "PT0S");
        forms.forEach((text, expected) -> assertThat(Durations.parse(text)).as(text)
                .isEqualTo(Duration.parse(expected)));
    }

    @Test
    void whatIsNotADurationSaysSo() {
        for (String text : new String[] {"15", "15x", "m", "1h foo", "1.5h", "-5m", "fifteen minutes", "1h,30m", ""}) {
            assertThatThrownBy(() -> Durations.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("is not a duration: use a number with s, m, h or d (30s, 15m, 1h30m, 1d) or ISO-8601"
                            + " (PT15M)");
        }
        assertThatThrownBy(() -> Durations.parse("P1Y")).hasMessage("is not an ISO-8601 duration (PT15M, P1D)");
        assertThatThrownBy(() -> Durations.parse("999999999999d".repeat(200))).hasMessage("is too long a duration");
    }
}
