package dev.synccenter.impl.store.sql;

/**
 * A change the store refuses although the database works: it does not fit what is stored (an
 * item that is not there or already final). Refused like a constraint violation: that change
 * fails, the others of its group commit are written, and the store stays healthy.
 */
final class ChangeRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ChangeRefused(String message) {
        super(message);
    }
}
