package dev.synccenter.impl.store.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

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
