package dev.synccenter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncResult;

/** The API's values as JSON where the control service leaves a field out. */
class JsonTest {

    /** C38: a request known from the history only has no kind (results do not keep it); it is left out, not a 500. */
    @Test
    void c38_aRequestFromTheHistoryOnlyHasNoKind() {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        SyncResult result = new SyncResult(7, "h", ProgressStatus.SUCCEEDED, 0, 0,
                Map.of("a", ProgressStatus.SUCCEEDED), null, t, t, t, "b 1.0.0", Map.of("a", 2));
        JsonNode json = Json.request(new RequestSnapshot(7, "h", null, Set.of(), RequestPhase.DONE, t, t,
                java.util.List.of(new ItemProgress("a", ProgressStatus.SUCCEEDED, "", 0, 0)), result, "b 1.0.0"));
        assertThat(json.has("kind")).isFalse();
        assertThat(json.get("waiting")).isEmpty();
        assertThat(json.get("result").get("attempts").get("a").asInt()).isEqualTo(2);
    }
}
