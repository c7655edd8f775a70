package dev.synccenter.impl.engine;

import dev.synccenter.impl.store.sql.TestPostgres;

/** The retry tests on a real PostgreSQL server, a schema of their own each (C43: the same behaviour). */
class PostgresRetryTest extends RetryTest {

    @Override
    String newStoreUrl() throws Exception {
        return TestPostgres.freshSchemaUrl("retry");
    }

    @Override
    void dropStore(String url) throws Exception {
        TestPostgres.dropSchemaOf(url);
    }
}
