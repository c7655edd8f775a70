package dev.synccenter.shell;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The command endpoint's configuration, PID {@value RemoteEndpoint#PID}, as metatype documents it.
 * The endpoint reads the raw properties instead ({@link ConfigValues}), so that a value that is not
 * a number is logged and defaulted rather than failing the component.
 */
@ObjectClassDefinition(name = "Sync Center command endpoint",
        description = "Runs one sync: command line per TCP connection on 127.0.0.1, for scripts (bin/sync).")
public @interface RemoteConfig {

    @AttributeDefinition(description = "TCP port on 127.0.0.1; 0 turns the endpoint off. 0 to 65535.")
    int port() default 7654;

    @AttributeDefinition(description = "Connections served at once; more are answered 'busy'. 1 to 256.")
    int max_connections() default 8;

    @AttributeDefinition(description = "Milliseconds a client may take to send its command line. "
            + "1 to 600000.")
    int read_timeout_ms() default 10_000;
}
