package dev.synccenter.impl.engine;

import dev.synccenter.impl.store.sql.TestPostgres;

/** The schedule tests on a real PostgreSQL server, a schema of their own each (C44: the same behaviour). */
class PostgresScheduleTest extends ScheduleTest {

    @Override
    String newStoreUrl() throws Exception {
        return TestPostgres.freshSchemaUrl("schedule");
    }

    @Override
    void dropStore(String url) throws Exception {
        TestPostgres.dropSchemaOf(url);
    }
}
