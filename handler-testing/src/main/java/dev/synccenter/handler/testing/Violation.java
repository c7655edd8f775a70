package dev.synccenter.handler.testing;

/**
 * A contract rule the handler broke, named by its ID in docs/CONTRACT.md (C1, C13, C14, ...).
 *
 * @param rule the rule's ID
 * @param message what the handler did, and what the platform does about it
 */
public record Violation(String rule, String message) {

    @Override
    public String toString() {
        return rule + ": " + message;
    }
}
