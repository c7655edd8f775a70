package dev.synccenter.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.sqlite.SQLiteDataSource;

import dev.synccenter.impl.store.sql.SqlStore;
import dev.synccenter.impl.store.sql.StoreSettings;

/** The engine in these tests runs on a real store: a SQLite file in a temporary folder. */
final class SqliteStore {

    private SqliteStore() {
    }

    static SqlStore open() {
        try {
            String url = "jdbc:sqlite:" + Files.createTempDirectory("synccenter-test").resolve("sync-center.db");
            SQLiteDataSource dataSource = new SQLiteDataSource();
            dataSource.setUrl(url);
            return SqlStore.open(dataSource, StoreSettings.forUrl(url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
