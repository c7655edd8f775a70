package dev.synccenter.control.security;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Manages the credentials the {@link Authenticator} accepts: API tokens and the operator's password
 * (C48). Provided by the same bundle as the authenticator. The surfaces offer it to operators only
 * (C49): the command endpoint runs its commands for callers with {@link Role#OPERATOR}, and the
 * Gogo console on the platform's terminal is the person who started the platform.
 *
 * <p>A secret is returned once, by the call that makes it, and is stored only as a salted hash:
 * nobody can read it back later. Each change is written to the credential file before it takes
 * effect; when that write fails the call throws and nothing changed. A bad argument is an
 * {@link IllegalArgumentException} that names it; nothing changed then either.
 */
@ProviderType
public interface CredentialAdmin {

    /** The longest name of a token or user; names are letters, digits, {@code .}, {@code _} and {@code -}. */
    int MAX_NAME_LENGTH = 63;

    /**
     * Makes a new API token.
     *
     * @param name a name not used by another token, for the audit trail and for revoking it
     * @param role what callers with the token may do
     * @return the token with its secret, which is not kept anywhere in clear
     */
    IssuedToken createToken(String name, Role role);

    /** The tokens there are, by name; never their secrets. */
    List<TokenInfo> tokens();

    /**
     * Revokes a token: callers presenting it are refused from now on.
     *
     * @throws IllegalArgumentException when no token has that name
     */
    void revokeToken(String name);

    /**
     * Gives a user a new random password and returns it; the old one no longer works. Where the
     * platform wrote a user's first password into a file readable by its own user only, the file
     * gets the new one.
     *
     * @throws IllegalArgumentException when there is no such user
     */
    String resetPassword(String user);
}
