package dev.synccenter.impl.store.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One statement run for many rows as a JDBC batch: on PostgreSQL one round trip instead of one per
 * row, which is what bounds a group commit there. The statement's batch is always cleared
 * afterwards, also when binding or running it fails, because the statement is kept and reused.
 */
final class Batch {

    /** Binds one row's parameters. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    /** Called for a row that changed nothing where it had to change a row. */
    @FunctionalInterface
    interface Unchanged<T> {
        ChangeRefused refusal(T row);
    }

    private Batch() {
    }

    /**
     * The rows of an upsert batch, the last one of each key only, in order. One statement may not
     * write a key twice when the driver sends the batch as one multi-row INSERT (PostgreSQL: "ON
     * CONFLICT DO UPDATE command cannot affect row a second time"); since each row replaces the
     * whole row of its key, the last one is what writing them one by one would leave.
     */
    static <T> List<T> lastPerKey(List<T> rows, Function<T, ?> key) {
        if (rows.size() < 2) {
            return rows;
        }
        Map<Object, T> last = new LinkedHashMap<>();
        for (T row : rows) {
            Object k = key.apply(row);
            last.remove(k); // re-inserted at the end: the key's place is its last row's
            last.put(k, row);
        }
        return last.size() == rows.size() ? rows : new ArrayList<>(last.values());
    }

    /** Runs the statement for every row; a row that changed nothing is refused when {@code unchanged} is given. */
    static <T> void run(PreparedStatement ps, List<T> rows, Binder<T> binder, Unchanged<T> unchanged)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int[] counts;
        try {
            for (T row : rows) {
                binder.bind(ps, row);
                ps.addBatch();
            }
            counts = ps.executeBatch();
        } finally {
            ps.clearBatch();
        }
        if (unchanged == null) {
            return;
        }
        for (int i = 0; i < counts.length && i < rows.size(); i++) {
            if (counts[i] == 0 || counts[i] == Statement.EXECUTE_FAILED) {
                throw unchanged.refusal(rows.get(i));
            }
        }
    }
}
