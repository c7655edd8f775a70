package dev.synccenter.impl.store.sql;

import java.sql.SQLException;

/** Some statements run on one of the store's connections: a write inside a group commit, or a read. */
@FunctionalInterface
interface SqlWork<T> {

    T apply(PreparedConnection c) throws SQLException;
}
