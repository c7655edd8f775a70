package dev.synccenter.impl.store.sql;

import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows into PostgreSQL by COPY, in its text format: one command for a group's rows of a table,
 * which costs the writer and the server less per row than binding and running INSERTs. pgjdbc's
 * copy API is reached through the connection's own class loader, so this bundle needs no import of
 * the driver's packages (it works with whichever pgjdbc bundle made the connection).
 */
final class PostgresCopy {

    private PostgresCopy() {
    }

    /** Copies the rows in; the database's error (a constraint, the connection) comes as it is. */
    static void copyIn(Connection connection, RowInsert insert, List<Object[]> rows) throws SQLException {
        StringBuilder data = new StringBuilder(rows.size() * 96);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    data.append('\t');
                }
                append(data, row[i]);
            }
            data.append('\n');
        }
        Connection pg = connection.unwrap(Connection.class);
        try {
            CopyApi copy = COPY_API.get(pg.getClass());
            Object api = copy.getCopyApi.invoke(pg.unwrap(copy.pgConnection));
            copy.copyIn.invoke(api, insert.copySql(), new StringReader(data.toString()));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException("COPY into " + insert.table() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | IllegalStateException e) {
            throw new SQLException("the PostgreSQL driver's copy API is not there: " + e, e);
        }
    }

    /** pgjdbc's {@code PGConnection.getCopyAPI()} and {@code CopyManager.copyIn(String, Reader)}. */
    private record CopyApi(Class<?> pgConnection, Method getCopyApi, Method copyIn) {
    }

    /** Looked up once per connection class, from the class loader that made it. */
    private static final ClassValue<CopyApi> COPY_API = new ClassValue<>() {
        @Override
        protected CopyApi computeValue(Class<?> connectionClass) {
            try {
                Class<?> pgConnection = Class.forName("org.postgresql.PGConnection", false,
                        connectionClass.getClassLoader());
                Method getCopyApi = pgConnection.getMethod("getCopyAPI");
                Method copyIn = getCopyApi.getReturnType().getMethod("copyIn", String.class, Reader.class);
                return new CopyApi(pgConnection, getCopyApi, copyIn);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e.toString(), e);
            }
        }
    };

    /** A value in COPY's text format: \N for NULL, t/f, numbers as they are, text escaped. */
    static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof Boolean b) {
            out.append(b ? 't' : 'f');
        } else if (value instanceof Number n) {
            out.append(n);
        } else {
            String s = value.toString();
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
    }
}
