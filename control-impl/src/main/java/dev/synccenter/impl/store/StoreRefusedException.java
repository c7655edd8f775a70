package dev.synccenter.impl.store;

/**
 * A change the store refuses for good although it works: it does not fit what is stored (a second
 * result for a request, an item that is not there or already final, an event stored already).
 * Submitting it again can never succeed; the store stays healthy.
 */
public class StoreRefusedException extends StoreException {

    private static final long serialVersionUID = 1L;

    public StoreRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
