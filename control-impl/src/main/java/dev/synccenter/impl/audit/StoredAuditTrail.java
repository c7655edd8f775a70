package dev.synccenter.impl.audit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.audit.AuditTrail;
import dev.synccenter.control.audit.AuditUnavailableException;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.SyncStore;

/**
 * The {@link AuditTrail} on the platform's store (C51). An entry goes through the store's group
 * commit like every other change, so recording costs a share of a commit, not a commit of its own;
 * {@link #record} returns only once it is committed. Text fields are cut to
 * {@value AuditTrail#MAX_FIELD_LENGTH} characters, and control characters are replaced, so that a
 * caller cannot flood the trail or forge lines in a report of it.
 *
 * <p>There only while the store service is: without it, surfaces find no audit trail and refuse
 * state-changing calls.
 */
@Component(service = AuditTrail.class)
public final class StoredAuditTrail implements AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(StoredAuditTrail.class);
    /** How long a caller waits for its entry to be stored before the call is refused. */
    static final Duration COMMIT_WAIT = Duration.ofSeconds(10);
    static final int MAX_LIMIT = 10_000;

    private final SyncStore store;

    @Activate
    public StoredAuditTrail(@Reference(service = SyncStore.class) SyncStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void record(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        AuditEntry clean = new AuditEntry(entry.at(), clean(entry.who()), clean(entry.role()), clean(entry.surface()),
                clean(entry.from()), clean(entry.action()), clean(entry.target()));
        try {
            store.submit(new StoreChange.AuditRecorded(clean)).get(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the caller was interrupted while its audit entry was stored", e);
        } catch (TimeoutException e) {
            throw unavailable("the store did not commit the audit entry within " + COMMIT_WAIT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause().getMessage(), e.getCause());
        } catch (RuntimeException e) {
            throw unavailable(e.getMessage(), e);
        }
    }

    private AuditUnavailableException unavailable(String why, Throwable cause) {
        LOG.warn("An audit entry could not be stored in {}: {}; the call it was for is refused (C51)", store.name(),
                why);
        return new AuditUnavailableException("the audit trail cannot store the call, so it is refused: " + why,
                cause);
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
        return store.audit(limit);
    }

    /** Cut to the bound, and no line breaks or other control characters. */
    static String clean(String text) {
        String cut = text.length() > MAX_FIELD_LENGTH ? text.substring(0, MAX_FIELD_LENGTH - 1) + "…" : text;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return out.toString();
    }
}
