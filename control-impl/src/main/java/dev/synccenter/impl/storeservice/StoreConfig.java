package dev.synccenter.impl.storeservice;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The store's configuration, PID {@code dev.synccenter.store}, as metatype documents it. The
 * component reads the raw properties instead ({@link StoreProperties}), so that a bad value is
 * logged and replaced by its default rather than failing the component. The connection
 * properties have pax-jdbc's names. A change closes the store and opens it again.
 */
@ObjectClassDefinition(name = "Sync Center store",
        description = "The durable store: SQLite in the bundle's data area by default, or PostgreSQL.")
public @interface StoreConfig {

    @AttributeDefinition(description = "JDBC URL. Empty: the SQLite file sync-center.db in control-impl's "
            + "data area. For PostgreSQL: jdbc:postgresql://host:5432/database.")
    String url() default "";

    @AttributeDefinition(description = "Database user; empty for none.")
    String user() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Database password; never logged.")
    String password() default "";

    @AttributeDefinition(description = "The osgi.jdbc.driver.class of the DataSourceFactory service to open "
            + "the store with. Empty: org.postgresql.Driver for a jdbc:postgresql: URL, else org.sqlite.JDBC.")
    String osgi_jdbc_driver_class() default "";

    @AttributeDefinition(description = "What an acknowledged change survives on SQLite (PostgreSQL always "
            + "survives both).", options = {
                @Option(value = "process-crash", label = "a crash of the process (synchronous=NORMAL)"),
                @Option(value = "power-loss", label = "a power loss too (synchronous=FULL, an fsync per commit)")})
    String durability() default "process-crash";

    @AttributeDefinition(description = "Changes that may wait for the writer; past it they are refused (C41). "
            + "1 to 10000000.")
    int queue_capacity() default 10_000;

    @AttributeDefinition(description = "Changes committed in one transaction at most. 1 to 100000.")
    int max_batch() default 1_000;

    @AttributeDefinition(description = "Milliseconds between two attempts of a failing store to reach its "
            + "database again (C40).")
    long retry_interval_ms() default 1_000;

    @AttributeDefinition(description = "Milliseconds SQLite waits for a lock another process holds.")
    long busy_timeout_ms() default 5_000;

    @AttributeDefinition(description = "Milliseconds the blocking calls (reserving request IDs, pruning, "
            + "closing) wait for the writer.")
    long call_timeout_ms() default 30_000;

    @AttributeDefinition(description = "This process's name in the store's nodes table.")
    String node_id() default "local";
}
