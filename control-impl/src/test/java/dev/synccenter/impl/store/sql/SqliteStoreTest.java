package dev.synccenter.impl.store.sql;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file in WAL mode. */
class SqliteStoreTest extends SyncStoreContract {

    @TempDir
    Path dir;

    @Override
    protected String freshDatabase() {
        return "jdbc:sqlite:" + dir.resolve("sync-center.db");
    }

    @Override
    protected void dropDatabase(String url) {
        // the temporary folder goes with its files
    }
}
