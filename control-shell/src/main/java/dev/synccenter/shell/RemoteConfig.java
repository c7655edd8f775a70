package dev.synccenter.shell;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The command endpoint's configuration, PID {@value RemoteEndpoint#PID}, as metatype documents it.
 * The endpoint reads the raw properties instead ({@link dev.synccenter.config.RawConfig}), so that a value that is not
 * a number is logged and defaulted rather than failing the component.
 */
@ObjectClassDefinition(name = "Sync Center command endpoint",
        description = "Runs one sync: command line per TCP connection on 127.0.0.1, for scripts (bin/sync), for"
                + " callers with a token (C48 to C50).")
public @interface RemoteConfig {

    @AttributeDefinition(description = "TCP port on 127.0.0.1; 0 turns the endpoint off. 0 to 65535.")
    int port() default 7654;

    @AttributeDefinition(description = "Commands run at once; more are answered 'busy'. 1 to 256.")
    int max_connections() default 8;

    @AttributeDefinition(description = "Commands one caller (one token) runs at once, so that no caller can take"
            + " every place; more are answered 'busy'. 1 to 256. Default half of max.connections.")
    int max_connections_per_caller() default 4;

    @AttributeDefinition(description = "Milliseconds a client has, in all, to send its token line and its command"
            + " line, however slowly the bytes come; then it is refused. 1 to 600000.")
    int read_timeout_ms() default 10_000;

    @AttributeDefinition(description = "Connections that may be sending their lines at once; a new one beyond it"
            + " closes the one that has waited longest. 1 to 4096.")
    int max_pending() default 64;

    @AttributeDefinition(description = "Milliseconds a command may run (follow, wait included); then it is cut"
            + " with status 2 and its thread interrupted. 1 to 86400000.")
    int command_timeout_ms() default 600_000;

    @AttributeDefinition(description = "Bytes of output a command may write; then it is cut with status 2 and a"
            + " last line saying so. 1024 to 2147483647.")
    int max_output_bytes() default 4 * 1024 * 1024;
}
