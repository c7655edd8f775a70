package dev.synccenter.impl.store.sql;

import java.util.Collections;
import java.util.List;

/**
 * An insert of whole rows into some columns of a table, as each dialect runs it: a batch of this
 * INSERT (SQLite), or one COPY of all the rows (PostgreSQL, {@link PostgresCopy}).
 */
record RowInsert(String table, List<String> columns, String insertSql, String copySql) {

    static RowInsert of(String table, String... columns) {
        String names = String.join(", ", columns);
        return new RowInsert(table, List.of(columns), "INSERT INTO " + table + " (" + names + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.length, "?")) + ")",
                "COPY " + table + " (" + names + ") FROM STDIN");
    }
}
