package dev.synccenter.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The HTTP surface's configuration, PID {@value Settings#PID}, as metatype documents it. The
 * components read the raw properties instead ({@link Settings#of}), so that a bad value is logged and
 * defaulted rather than failing the component. Host, port and TLS are Felix HTTP's own framework
 * properties ({@code org.apache.felix.http.host}, {@code org.osgi.service.http.port},
 * {@code org.apache.felix.https.*}), set in the distribution's conf/config.properties.
 */
@ObjectClassDefinition(name = "Sync Center HTTP API",
        description = "The JSON API and event stream under /synccenter/api (C48 to C51).")
public @interface HttpConfig {

    @AttributeDefinition(description = "Serve plain HTTP even when it listens on an address other than"
            + " loopback. Off by default: such a server answers every plain request with 403 until TLS is on (C48).")
    boolean allow_plain_http_on_non_loopback() default false;

    @AttributeDefinition(description = "Origins (scheme://host:port) besides the server's own that may send"
            + " state-changing requests, for a reverse proxy; comma-separated (C51).")
    String[] allowed_origins() default {};

    @AttributeDefinition(description = "Largest request body in bytes; larger ones are answered 413. 1024 to 1048576.")
    int max_body_bytes() default 65_536;

    @AttributeDefinition(description = "Events the stream keeps for clients that resume with Last-Event-ID."
            + " 16 to 100000.")
    int stream_history() default 2_048;

    @AttributeDefinition(description = "Events waiting to be written to one stream client; a client that falls"
            + " further behind is dropped. 8 to 100000.")
    int stream_client_queue() default 512;

    @AttributeDefinition(description = "Seconds between keep-alive comments on an idle stream. 1 to 3600.")
    int stream_keepalive_seconds() default 15;

    @AttributeDefinition(description = "Stream clients at once; more are answered 503. 1 to 10000.")
    int stream_max_clients() default 64;

    @AttributeDefinition(description = "Stream clients at once for one caller (a token, or a user's sessions);"
            + " more are answered 503, so that one viewer cannot take every place (C49). 1 to 10000.")
    int stream_max_clients_per_caller() default 8;
}
