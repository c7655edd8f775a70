package dev.synccenter.impl.engine;

import dev.synccenter.impl.store.sql.TestPostgres;

/** The same durability tests on a real PostgreSQL server, a schema of their own each (C40: the same behaviour). */
class PostgresDurabilityTest extends DurabilityTest {

    @Override
    String newStoreUrl() throws Exception {
        return TestPostgres.freshSchemaUrl("engine");
    }

    @Override
    void dropStore(String url) throws Exception {
        TestPostgres.dropSchemaOf(url);
    }
}
