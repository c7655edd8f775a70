package dev.synccenter.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The security service's configuration, PID {@value SecurityComponent#PID}, as metatype documents
 * it. The component reads the raw properties instead ({@link SecuritySettings}, through
 * {@link dev.synccenter.config.RawConfig}), so that a bad value is logged with its key and file and
 * defaulted rather than failing the component. There is no setting for a password: none ships, the first start makes one.
 */
@ObjectClassDefinition(name = "Sync Center security",
        description = "Who may use the remote surfaces: the credential file, sessions and login throttling.")
public @interface SecurityConfig {

    @AttributeDefinition(description = "Folder of credentials.properties (hashes) and operator.token (the first"
            + " operator secrets in clear), kept 0700. Empty: <sync.center.home>/etc/security, or the bundle's"
            + " data area when sync.center.home is not set.")
    String credentials_dir() default "";

    @AttributeDefinition(description = "Minutes a browser session may stay unused before it ends. 1 to 1440.")
    int session_idle_minutes() default 30;

    @AttributeDefinition(description = "Minutes after which a session ends however busy. 1 to 10080.")
    int session_max_minutes() default 720;

    @AttributeDefinition(description = "Sessions open at most; past it the one used longest ago ends. 1 to 100000.")
    int session_max_count() default 1000;

    @AttributeDefinition(description = "Failed password logins in a row that cost nothing; each further one"
            + " locks the user name for 1 s, 2 s, 4 s, ... 0 to 100.")
    int login_free_failures() default 3;

    @AttributeDefinition(description = "The longest lock of a user name after failed logins, seconds. 1 to 86400.")
    int login_max_delay_seconds() default 900;
}
