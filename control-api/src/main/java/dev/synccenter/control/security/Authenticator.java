package dev.synccenter.control.security;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Recognises callers of the remote surfaces (C48). Secrets are compared in constant time and kept
 * only as salted slow hashes; nothing here has a default password. Every method answers empty for
 * anything it does not recognise, never throws for bad input, and is safe to call from any thread.
 * A surface logs its refusals; this service does not know from where a caller came.
 *
 * <p>Failed password logins are throttled per user name: after a few failures in a row the name is
 * locked for a while that doubles with each further failure, and while it is locked even the right
 * password is refused, so that a local attacker cannot guess at the speed of the machine.
 */
@ProviderType
public interface Authenticator {

    /** A caller from an {@code Authorization} header value: {@code Bearer <token>} or {@code Basic <base64>}. */
    Optional<Caller> authorization(String headerValue);

    /** A caller from an API token, as {@code bin/sync} and scripts send it. */
    Optional<Caller> token(String token);

    /** A caller from a user name and password, as a login form sends them. */
    Optional<Caller> password(String user, String password);

    /**
     * Opens a browser session for a caller who logged in: an unguessable ID for an HttpOnly,
     * SameSite=Strict cookie. Sessions end after a while without use, and at a restart.
     */
    String openSession(Caller caller);

    /** The caller of an open session, empty if the ID is unknown or its session ended. */
    Optional<Caller> session(String sessionId);

    /** Ends a session (log out); unknown IDs are ignored. */
    void closeSession(String sessionId);
}
