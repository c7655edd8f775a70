package dev.synccenter.impl.store.sql;

/** C36: kill -9 of a process writing to a SQLite file in WAL mode (synchronous=NORMAL) loses nothing acknowledged. */
class SqliteKillTest extends StoreKillContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.sqlite(dir);
    }
}
