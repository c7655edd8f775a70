package dev.synccenter.impl.store.sql;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A DataSource on the plain JDBC drivers of the test classpath, with three switches for tests:
 * the URL can change (a database that moves or comes back), every call on its connections can be
 * made to fail (a disk that goes away, also as root, which ignores file permissions), and calls can
 * be held at a gate (a writer stuck inside a commit).
 */
final class TestDataSource implements DataSource {

    private volatile String url;
    private volatile boolean failing;
    private volatile CountDownLatch gate;
    /** Only calls from threads whose names start so wait at the gate; "" for every thread. */
    private volatile String gatedThreads = "";
    /** Released once for each call that waits at the gate. */
    final Semaphore atGate = new Semaphore(0);

    TestDataSource(String url) {
        this.url = url;
    }

    void url(String value) {
        url = value;
    }

    /** From now on every call on every connection (but close) fails, and no connection opens. */
    void failing(boolean value) {
        failing = value;
    }

    /** Calls wait until the returned latch is counted down. */
    CountDownLatch closeGate() {
        return closeGate("");
    }

    /** Calls from threads whose names start with {@code threadNames} wait until the latch is counted down. */
    CountDownLatch closeGate(String threadNames) {
        CountDownLatch g = new CountDownLatch(1);
        gatedThreads = threadNames;
        gate = g;
        return g;
    }

    void openGate() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        check();
        // What the platform's data sources are made with (SqlStores), so the tests write as it does.
        String u = url;
        Properties properties = new Properties();
        properties.putAll(Dialect.forUrl(u).driverProperties(u));
        return wrap(Connection.class, DriverManager.getConnection(u, properties));
    }

    private void check() throws SQLException {
        CountDownLatch g = gate;
        if (g != null && Thread.currentThread().getName().startsWith(gatedThreads)) {
            atGate.release();
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted at the test gate");
            }
        }
        if (failing) {
            throw new SQLException("simulated failure: the database is gone", "08006");
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T wrap(Class<T> type, T real) {
        return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (!m.getName().equals("close") && !m.getName().equals("isClosed")) {
                check();
            }
            Object r;
            try {
                r = m.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (r instanceof PreparedStatement ps) {
                return wrap(PreparedStatement.class, ps);
            }
            if (r instanceof Statement st) {
                return wrap(Statement.class, st);
            }
            return r;
        });
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
