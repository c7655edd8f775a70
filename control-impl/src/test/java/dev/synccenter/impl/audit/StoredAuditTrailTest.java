package dev.synccenter.impl.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.audit.AuditTrail;
import dev.synccenter.control.audit.AuditUnavailableException;
import dev.synccenter.impl.store.sql.SqlStore;

/** The audit trail on a real SQLite store (C51). */
class StoredAuditTrailTest {

    private static final Instant T0 = Instant.parse("2026-12-02T02:00:00Z");

    @TempDir
    Path dir;
    private SqlStore store;
    private StoredAuditTrail trail;

    @BeforeEach
    void open() {
        store = SqlStore.open("jdbc:sqlite:" + dir.resolve("audit.db"));
        trail = new StoredAuditTrail(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void c51_aRecordedCallIsStoredWhenRecordReturns() {
        trail.record(new AuditEntry(T0, "operator", "OPERATOR", "endpoint", "127.0.0.1:40000", "stop", "demo"));

        assertThat(store.audit(10)).containsExactly(
                new AuditEntry(T0, "operator", "OPERATOR", "endpoint", "127.0.0.1:40000", "stop", "demo"));
        assertThat(trail.recent(1)).hasSize(1);
    }

    @Test
    void c51_longTextIsCutAndControlCharactersCannotForgeLines() {
        trail.record(new AuditEntry(T0, "eve\nOPERATOR admin", "VIEWER", "http", "::1", "x".repeat(5_000),
                "a\u0000b\r\nc"));

        AuditEntry stored = trail.recent(1).get(0);
        assertThat(stored.who()).isEqualTo("eve?OPERATOR admin");
        assertThat(stored.action()).hasSize(AuditTrail.MAX_FIELD_LENGTH).endsWith("…");
        assertThat(stored.target()).isEqualTo("a?b??c");
    }

    @Test
    void c51_aStoreThatCannotStoreTheEntryRefusesTheCall() {
        store.close();

        assertThatThrownBy(() -> trail.record(new AuditEntry(T0, "operator", "OPERATOR", "http", "::1", "stop", "")))
                .isInstanceOf(AuditUnavailableException.class).hasMessageContaining("refused")
                .hasMessageContaining("closed");
    }

    @Test
    void recentNamesABadLimit() {
        assertThatThrownBy(() -> trail.recent(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> trail.recent(10_001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10000");
    }
}
