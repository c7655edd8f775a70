package dev.synccenter.impl.store.sql;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.concurrent.Semaphore;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.impl.store.StoreChange.ItemStarted;
import dev.synccenter.impl.store.StoreChange.RequestFinished;

/**
 * The process the kill tests kill: writes through a {@link SqlStore} as fast as it can until it is
 * killed, and prints a line for each change the store acknowledged, the moment it is acknowledged:
 * {@code RESERVED first end}, {@code ACK id} (accepted), {@code RUN id} (item a started),
 * {@code FIN id} (finished with a result), or {@code ERR ...}. Every line printed is a promise the
 * store made; the test checks each one after the kill.
 */
public final class KillChild {

    private KillChild() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        SqlStore store = SqlStore.open(new TestDataSource(url), StoreSettings.forUrl(url));
        if (!store.health().ok()) {
            out.println("ERR the store is failing: " + store.health());
            System.exit(3);
        }
        Semaphore inFlight = new Semaphore(256);
        long next = 0;
        long end = 0;
        while (true) {
            if (next == end) {
                next = store.reserveRequestIds(100);
                end = next + 100;
                out.println("RESERVED " + next + " " + end);
            }
            long id = next++;
            inFlight.acquire();
            store.submit(SyncStoreContract.itemSync(id, "kill", "a", "b")).whenComplete((v, e) -> {
                inFlight.release();
                if (e != null) {
                    out.println("ERR accepting " + id + ": " + e);
                    return;
                }
                out.println("ACK " + id);
                if (id % 3 == 0) {
                    store.submit(new RequestFinished(SyncStoreContract.result(id, "kill", ProgressStatus.SUCCEEDED,
                            SyncStoreContract.T0))).whenComplete((v2, e2) -> out.println(
                                    e2 == null ? "FIN " + id : "ERR finishing " + id + ": " + e2));
                } else if (id % 3 == 1) {
                    store.submit(new ItemStarted(id, "a", 1, SyncStoreContract.T0)).whenComplete((v2, e2) -> out.println(
                            e2 == null ? "RUN " + id : "ERR starting " + id + ": " + e2));
                }
            });
        }
    }
}
