package dev.synccenter.impl.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.Set;

import javax.sql.DataSource;

/**
 * A real SQLite data source that can be made to fail, as a full or vanished disk would (also as
 * root, which ignores file permissions): once failing, every call on it and on every connection,
 * statement and result set it gave out throws, but closing. The store must refuse and recover (C40).
 */
final class FailingDataSource {

    private static final Set<String> ALWAYS = Set.of("close", "isClosed", "equals", "hashCode", "toString");

    private volatile boolean failing;
    final DataSource dataSource;

    FailingDataSource(DataSource real) {
        this.dataSource = (DataSource) wrap(real, DataSource.class);
    }

    void failing(boolean value) {
        failing = value;
    }

    private Object wrap(Object target, Class<?> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (failing && !ALWAYS.contains(method.getName())) {
                throw new SQLException("disk I/O error (the test made the store fail)");
            }
            try {
                Object result = method.invoke(target, args);
                Class<?> returned = method.getReturnType();
                return result != null && returned.isInterface() && returned.getName().startsWith("java.sql")
                        ? wrap(result, returned) : result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return Proxy.newProxyInstance(FailingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
