package dev.synccenter.impl.store;

import java.time.Instant;

/**
 * Whether a store writes (C40).
 *
 * @param ok true when the last write or connection attempt succeeded
 * @param failingSince when the store began failing; null when ok
 * @param reason why it fails (the database's own message); null when ok
 */
public record StoreHealth(boolean ok, Instant failingSince, String reason) {

    private static final StoreHealth OK = new StoreHealth(true, null, null);

    public static StoreHealth healthy() {
        return OK;
    }

    public static StoreHealth failing(Instant since, String reason) {
        return new StoreHealth(false, since, reason);
    }

    @Override
    public String toString() {
        return ok ? "ok" : "failing since " + failingSince + ": " + reason;
    }
}
