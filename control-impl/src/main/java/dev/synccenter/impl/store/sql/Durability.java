package dev.synccenter.impl.store.sql;

/**
 * What an acknowledged change survives (C36). PostgreSQL always commits with
 * {@code synchronous_commit = on}, which survives both.
 */
public enum Durability {
    /**
     * A crash of the process (kill -9): SQLite {@code synchronous=NORMAL} in WAL mode. A power
     * loss may roll back the last commits. The default: 6 to 20 times the commit rate of FULL.
     */
    PROCESS_CRASH("process-crash"),
    /** A power loss too: SQLite {@code synchronous=FULL}, an fsync at every commit. */
    POWER_LOSS("power-loss");

    private final String key;

    Durability(String key) {
        this.key = key;
    }

    /** The configuration value: "process-crash" or "power-loss". */
    public String key() {
        return key;
    }

    public static Durability of(String key) {
        for (Durability d : values()) {
            if (d.key.equals(key)) {
                return d;
            }
        }
        throw new IllegalArgumentException("durability must be process-crash or power-loss, was '" + key + "'");
    }
}
