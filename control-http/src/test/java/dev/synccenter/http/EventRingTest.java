package dev.synccenter.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.synccenter.http.EventRing.Resume;

/** Resuming the event stream from Last-Event-ID, and where it stops (a reset). */
class EventRingTest {

    @Test
    void resumesAfterTheLastEventSeen() {
        EventRing ring = new EventRing("ep", 4);
        ring.append("progress", "h", "{\"n\":1}");
        ring.append("progress", "h", "{\"n\":2}");
        ring.append("result", "h", "{\"n\":3}");
        Resume r = ring.after("ep-1");
        assertThat(r.reset()).isNull();
        assertThat(r.missed()).extracting(EventRing.Entry::seq).containsExactly(2L, 3L);
        assertThat(r.missed().get(1).frame()).isEqualTo("id: ep-3\nevent: result\ndata: {\"n\":3}\n\n");
        assertThat(ring.after("ep-3").missed()).isEmpty();
        assertThat(ring.after("ep-3").reset()).isNull();
    }

    @Test
    void tooOldOtherRunOrUnknownIdsGetAReset() {
        EventRing ring = new EventRing("ep", 4);
        for (int i = 0; i < 10; i++) {
            ring.append("event", "h", "{}");
        }
        assertThat(ring.after("ep-6").missed()).extracting(EventRing.Entry::seq).containsExactly(7L, 8L, 9L, 10L);
        assertThat(ring.after("ep-5").reset()).contains("too old", "last 4 events");
        assertThat(ring.after("other-9").reset()).contains("not from this run");
        assertThat(ring.after("ep-11").reset()).contains("never sent");
        assertThat(ring.after("garbage").reset()).isNotNull();
        assertThat(ring.after("ep-x").reset()).isNotNull();
    }
}
