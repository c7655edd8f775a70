package dev.synccenter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.metrics.HandlerMetrics;
import dev.synccenter.control.metrics.MetricsSnapshot;
import dev.synccenter.control.metrics.Timings;

/** The text exposition format, line by line, for a snapshot made by hand. */
class PrometheusTextTest {

    private static Timings timings(long atMostOne, long all, double sum) {
        return new Timings(List.of(0.5, 1.0), List.of(0L, atMostOne), all, sum);
    }

    @Test
    void countersGaugesAndHistogramsFollowTheFormat() {
        MetricsSnapshot snapshot = new MetricsSnapshot(Instant.EPOCH, List.of(new HandlerMetrics("demo", 3, 1,
                Map.of(ProgressStatus.SUCCEEDED, 5L, ProgressStatus.FAILED, 2L), 1, timings(6, 7, 2.5),
                timings(7, 7, 0.75), 4)), 4, 1, 0, timings(9, 10, 0.125), false, 2, 3, 5, 7, timings(11, 12, 0.25));

        String text = PrometheusText.write(snapshot);

        assertThat(text).contains("# TYPE synccenter_requests_finished_total counter\n")
                .contains("synccenter_requests_finished_total{handler=\"demo\",status=\"SUCCEEDED\"} 5\n")
                .contains("synccenter_requests_finished_total{handler=\"demo\",status=\"FAILED\"} 2\n")
                .contains("synccenter_requests_queued{handler=\"demo\"} 3\n")
                .contains("synccenter_sessions_running{handler=\"demo\"} 1\n")
                .contains("synccenter_conflicts{handler=\"demo\"} 4\n") // C46
                .contains("# TYPE synccenter_request_wait_seconds histogram\n")
                .contains("synccenter_request_wait_seconds_bucket{handler=\"demo\",le=\"0.5\"} 0\n")
                .contains("synccenter_request_wait_seconds_bucket{handler=\"demo\",le=\"1.0\"} 6\n")
                .contains("synccenter_request_wait_seconds_bucket{handler=\"demo\",le=\"+Inf\"} 7\n")
                .contains("synccenter_request_wait_seconds_sum{handler=\"demo\"} 2.5\n")
                .contains("synccenter_request_wait_seconds_count{handler=\"demo\"} 7\n")
                .contains("synccenter_store_commit_seconds_bucket{le=\"+Inf\"} 10\n")
                .contains("synccenter_store_commit_seconds_sum 0.125\n")
                .contains("synccenter_requests_open 4\n")
                .contains("synccenter_sessions_abandoned_total 1\n")
                .contains("synccenter_store_failing 0\n")
                .contains("synccenter_session_threads 2\n")
                .contains("synccenter_items_in_backoff 3\n") // C43
                .contains("synccenter_waiting_retries 5\n")
                .contains("synccenter_schedules 7\n") // C44
                .contains("# TYPE synccenter_schedule_lateness_seconds histogram\n")
                .contains("synccenter_schedule_lateness_seconds_bucket{le=\"+Inf\"} 12\n")
                .contains("synccenter_schedule_lateness_seconds_sum 0.25\n");
        for (String line : text.split("\n")) {
            assertThat(line).as("a comment or a sample").matches("# (HELP|TYPE) .*|[a-z_]+(\\{.*\\})? [0-9.e+-]+");
        }
    }

    @Test
    void aHandlerIdCannotBreakALine() {
        assertThat(PrometheusText.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
        MetricsSnapshot snapshot = new MetricsSnapshot(Instant.EPOCH, List.of(new HandlerMetrics("x\"}\nevil 1",
                0, 0, Map.of(), 0, timings(0, 0, 0), timings(0, 0, 0))), 0, 0, 0, timings(0, 0, 0), true, 0);
        String text = PrometheusText.write(snapshot);
        assertThat(text).doesNotContain("\nevil 1").contains("synccenter_store_failing 1\n");
    }
}
