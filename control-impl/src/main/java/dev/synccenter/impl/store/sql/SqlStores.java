package dev.synccenter.impl.store.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.osgi.service.jdbc.DataSourceFactory;

import dev.synccenter.impl.store.StoreException;

/**
 * Opens a store inside OSGi, through the {@link DataSourceFactory} service of its driver (pax-jdbc-sqlite
 * registers SQLite's, pgjdbc its own), selected by {@code osgi.jdbc.driver.class} as pax-jdbc does.
 */
public final class SqlStores {

    /** The SQLite file in the bundle's data area when no URL is configured. */
    public static final String DEFAULT_SQLITE_FILE = "sync-center.db";

    private SqlStores() {
    }

    /**
     * Opens a store from configuration properties ({@code url}, {@code user}, {@code password},
     * {@code osgi.jdbc.driver.class}, {@code durability}, ...; see {@link StoreSettings}).
     *
     * @param dataArea the bundle's data area, for the default SQLite file; may be null when a URL is set
     */
    public static SqlStore open(DataSourceFactory factory, Map<String, ?> properties, Path dataArea) {
        return open(factory, StoreSettings.fromProperties(properties), dataArea);
    }

    public static SqlStore open(DataSourceFactory factory, StoreSettings settings, Path dataArea) {
        StoreSettings s = withDefaultUrl(settings, dataArea);
        return SqlStore.open(dataSource(factory, s), s);
    }

    /**
     * As {@link #open(DataSourceFactory, StoreSettings, Path)}, but a database that cannot be
     * reached fails the opening ({@link SqlStore#openConnected}).
     *
     * @throws StoreException when the database cannot be reached or the data source not created
     * @throws IllegalArgumentException when the settings cannot name a database (no URL for a server)
     */
    public static SqlStore openConnected(DataSourceFactory factory, StoreSettings settings, Path dataArea) {
        StoreSettings s = withDefaultUrl(settings, dataArea);
        return SqlStore.openConnected(dataSource(factory, s), s);
    }

    /** The settings with the URL they name, or else the default SQLite file's. */
    private static StoreSettings withDefaultUrl(StoreSettings settings, Path dataArea) {
        return settings.url() == null ? settings.withUrl(defaultUrl(settings, dataArea)) : settings;
    }

    private static DataSource dataSource(DataSourceFactory factory, StoreSettings s) {
        Properties p = new Properties();
        p.setProperty(DataSourceFactory.JDBC_URL, s.url());
        // Only what is set: pax-jdbc-sqlite refuses properties its data source has no setter for.
        if (s.user() != null) {
            p.setProperty(DataSourceFactory.JDBC_USER, s.user());
        }
        if (s.password() != null) {
            p.setProperty(DataSourceFactory.JDBC_PASSWORD, s.password());
        }
        Dialect.forUrl(s.url()).driverProperties(s.url()).forEach(p::setProperty);
        try {
            return factory.createDataSource(p);
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("Cannot create a data source for " + s.safeUrl() + " with "
                    + s.driverClass() + ": " + e.getMessage(), e);
        }
    }

    private static String defaultUrl(StoreSettings settings, Path dataArea) {
        if (!StoreSettings.SQLITE_DRIVER.equals(settings.driverClass())) {
            throw new IllegalArgumentException("url is required for the driver " + settings.driverClass());
        }
        if (dataArea == null) {
            throw new IllegalArgumentException("url is not set, and there is no bundle data area for the "
                    + "default SQLite file");
        }
        try {
            Files.createDirectories(dataArea);
        } catch (IOException e) {
            throw new StoreException("Cannot create the folder " + dataArea + " for the store: " + e.getMessage(), e);
        }
        return "jdbc:sqlite:" + dataArea.resolve(DEFAULT_SQLITE_FILE).toAbsolutePath();
    }
}
