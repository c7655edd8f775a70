package dev.synccenter.impl.store.sql;

import java.nio.file.Path;

/** A kind of real database the store tests run against: a fresh one for each test, dropped after it. */
interface TestDatabase {

    /** Creates an empty database; answers its JDBC URL. */
    String create() throws Exception;

    void drop(String url) throws Exception;

    /** A SQLite file in a test's temporary folder, which goes with the folder. */
    static TestDatabase sqlite(Path dir) {
        return new TestDatabase() {
            @Override
            public String create() {
                return "jdbc:sqlite:" + dir.resolve("sync-center.db");
            }

            @Override
            public void drop(String url) {
            }
        };
    }

    /** A schema of its own on the server of scripts/test.sh. */
    static TestDatabase postgres(String prefix) {
        return new TestDatabase() {
            @Override
            public String create() throws Exception {
                return TestPostgres.freshSchemaUrl(prefix);
            }

            @Override
            public void drop(String url) throws Exception {
                TestPostgres.dropSchemaOf(url);
            }
        };
    }
}
