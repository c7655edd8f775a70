package dev.synccenter.impl.engine;

import java.nio.file.Path;

import org.sqlite.SQLiteDataSource;

import dev.synccenter.impl.store.sql.SqlStore;
import dev.synccenter.impl.store.sql.StoreSettings;

/** Real stores for engine tests: a SQLite file in a test's temporary folder. */
final class TestStores {

    private TestStores() {
    }

    static SqlStore sqlite(Path dir) {
        String url = "jdbc:sqlite:" + dir.resolve("sync-center.db");
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl(url);
        return SqlStore.open(dataSource, StoreSettings.forUrl(url));
    }
}
