package dev.synccenter.impl.store;

/**
 * A store could not do what was asked. The message says which store and what failed, for
 * example "SQLite store jdbc:sqlite:/var/sync-center.db is failing since ... : disk I/O error".
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
