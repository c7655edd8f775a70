package dev.synccenter.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.security.Authenticator;
import dev.synccenter.control.security.Caller;
import dev.synccenter.control.security.CredentialAdmin;
import dev.synccenter.control.security.IssuedToken;
import dev.synccenter.control.security.Role;
import dev.synccenter.control.security.TokenInfo;

/**
 * The {@link Authenticator} and {@link CredentialAdmin} services (C48, C49). Immediate, so that
 * the first start makes the operator credential at once and {@code bin/sync} finds its token. The
 * work is done by plain classes: {@link CredentialKeeper} (the credential file and the checks),
 * {@link LoginThrottle} and {@link SessionTable}; this class parses {@code Authorization} headers,
 * applies the throttle around password checks, and is the DS glue.
 *
 * <p>A credential file that cannot be read fails the activation, with an error naming the file and
 * its bad key: then no {@code Authenticator} service exists and every remote surface refuses
 * everyone, which is safer than guessing. A configuration change restarts the component (no
 * {@code @Modified}), which ends the open sessions.
 */
@Component(configurationPid = SecurityComponent.PID, service = {Authenticator.class, CredentialAdmin.class},
        immediate = true)
@Designate(ocd = SecurityConfig.class)
public final class SecurityComponent implements Authenticator, CredentialAdmin {

    static final String PID = "dev.synccenter.security";
    private static final int MAX_TRACKED_USERS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(SecurityComponent.class);

    private final CredentialKeeper keeper;
    private final LoginThrottle throttle;
    private final SessionTable sessions;

    @Activate
    public SecurityComponent(BundleContext context, Map<String, Object> properties) throws IOException {
        this(SecuritySettings.from(properties, context.getProperty(SecuritySettings.HOME_PROPERTY),
                () -> context.getDataFile("security").toPath()), Clock.systemUTC(), PasswordHash.ITERATIONS);
    }

    /**
     * Outside OSGi (tests of the surfaces, tools): the credentials in {@code credentialsDir}, the
     * other settings from {@code properties}, as in the component.
     */
    public SecurityComponent(Path credentialsDir, Map<String, Object> properties) throws IOException {
        this(SecuritySettings.from(properties, null, () -> credentialsDir), Clock.systemUTC(),
                PasswordHash.ITERATIONS);
    }

    /** For tests: another clock, and fewer PBKDF2 iterations so that they do not spend their time hashing. */
    SecurityComponent(SecuritySettings settings, Clock clock, int passwordIterations) throws IOException {
        Secrets secrets = new Secrets(new SecureRandom());
        this.keeper = new CredentialKeeper(settings.credentialsDir(), new PrivateFiles(), secrets,
                new PasswordHash(secrets, passwordIterations), clock);
        this.throttle = new LoginThrottle(settings.loginFreeFailures(), settings.loginMaxDelay(), MAX_TRACKED_USERS,
                clock);
        this.sessions = new SessionTable(settings.sessionIdle(), settings.sessionMax(), settings.sessionMaxCount(),
                clock, secrets);
        try {
            keeper.open();
        } catch (IOException | RuntimeException e) {
            LOG.error("No remote caller can be accepted: the credentials in {} cannot be used: {}",
                    settings.credentialsDir(), e.getMessage());
            throw e;
        }
    }

    @Override
    public Optional<Caller> authorization(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        String value = headerValue.strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        String credentials = value.substring(space + 1).strip();
        if (scheme.equals("bearer")) {
            return token(credentials);
        }
        if (scheme.equals("basic") && credentials.length() <= 1024) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : password(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        return Optional.empty();
    }

    @Override
    public Optional<Caller> token(String token) {
        return keeper.token(token);
    }

    @Override
    public Optional<Caller> password(String user, String password) {
        if (user == null || password == null || user.length() > MAX_NAME_LENGTH) {
            return Optional.empty();
        }
        Optional<Duration> locked = throttle.locked(user);
        if (locked.isPresent()) {
            LOG.warn("Login of user '{}' refused unchecked: locked for another {} s after {} failed attempts",
                    shown(user), Math.max(1, locked.get().toSeconds()), throttle.failures(user));
            return Optional.empty();
        }
        Optional<Caller> caller = keeper.password(user, password);
        if (caller.isPresent()) {
            throttle.succeeded(user);
        } else {
            Duration lock = throttle.failed(user);
            if (!lock.isZero()) {
                LOG.warn("Login of user '{}' failed {} times in a row: the name is locked for {} s",
                        shown(user), throttle.failures(user), lock.toSeconds());
            }
        }
        return caller;
    }

    @Override
    public String openSession(Caller caller) {
        if (caller == null) {
            throw new IllegalArgumentException("caller: must not be null");
        }
        return sessions.open(caller);
    }

    @Override
    public Optional<Caller> session(String sessionId) {
        return sessions.get(sessionId);
    }

    @Override
    public void closeSession(String sessionId) {
        sessions.close(sessionId);
    }

    @Override
    public IssuedToken createToken(String name, Role role) {
        return keeper.createToken(name, role);
    }

    @Override
    public List<TokenInfo> tokens() {
        return keeper.tokens();
    }

    @Override
    public void revokeToken(String name) {
        keeper.revokeToken(name);
    }

    @Override
    public String resetPassword(String user) {
        String fresh = keeper.resetPassword(user);
        // The old password may have leaked: what it opened ends with it (C48).
        int ended = sessions.closeAll(user);
        if (ended > 0) {
            LOG.info("Password of '{}' reset: its {} open session(s) ended", shown(user), ended);
        }
        return fresh;
    }

    CredentialKeeper keeper() {
        return keeper;
    }

    /** A name someone typed, safe for one log line. */
    private static String shown(String user) {
        return user.replaceAll("\\p{Cntrl}", "?");
    }
}
