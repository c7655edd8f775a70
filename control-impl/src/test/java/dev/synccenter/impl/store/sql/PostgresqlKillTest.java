package dev.synccenter.impl.store.sql;

/** C36: kill -9 of a process writing to PostgreSQL (synchronous_commit on) loses nothing acknowledged. */
class PostgresqlKillTest extends StoreKillContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres("kill");
    }
}
