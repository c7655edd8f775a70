package dev.synccenter.control;

/**
 * A control call was refused because of one of its arguments; nothing changed. The message names
 * the argument (and the contract rule, where one applies).
 */
public class SyncArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String argument;

    public SyncArgumentException(String argument, String message) {
        super(argument + ": " + message);
        this.argument = argument;
    }

    /** The name of the bad argument, as in the method's signature ({@code itemIds[2]} for an element). */
    public String argument() {
        return argument;
    }
}
