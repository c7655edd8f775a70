package dev.synccenter.impl.engine;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

import dev.synccenter.impl.store.sql.SqlStore;
import dev.synccenter.impl.store.sql.StoreSettings;

/** Real stores for engine tests: a SQLite file in a test's temporary folder, or PostgreSQL. */
final class TestStores {

    private TestStores() {
    }

    static SqlStore sqlite(Path dir) {
        String url = "jdbc:sqlite:" + dir.resolve("sync-center.db");
        return SqlStore.open(dataSource(url), StoreSettings.forUrl(url));
    }

    /** A plain JDBC data source for a SQLite or PostgreSQL URL. */
    static DataSource dataSource(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setUrl(url);
            return pg;
        }
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl(url);
        return sqlite;
    }
}
