package dev.synccenter.impl.store.sql;

/**
 * The store contract on a real PostgreSQL server (scripts/test.sh starts one), each test in a
 * schema of its own.
 */
class PostgresqlStoreTest extends SyncStoreContract {

    @Override
    protected String freshDatabase() throws Exception {
        return TestPostgres.freshSchemaUrl("store");
    }

    @Override
    protected void dropDatabase(String url) throws Exception {
        TestPostgres.dropSchemaOf(url);
    }
}
