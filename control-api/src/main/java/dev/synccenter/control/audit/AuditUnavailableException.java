package dev.synccenter.control.audit;

/** The audit trail could not store an entry: the call it was for must not take effect (C51). */
public class AuditUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
