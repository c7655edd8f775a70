package dev.synccenter.sample.folders;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches source folders (and the target folders of two-way pairs), with their subfolders, and tells
 * which pair changed. Changes are
 * collected until the folders have been quiet for {@value #QUIET_MILLIS} ms, so that copying a
 * hundred files starts one sync, not a hundred. It owns one thread, stopped by {@link #close()}.
 */
final class SourceWatcher implements AutoCloseable {

    static final long QUIET_MILLIS = 150;
    private static final Logger LOG = LoggerFactory.getLogger(SourceWatcher.class);

    private final WatchService service;
    private final Consumer<Set<String>> changed;
    private final Map<WatchKey, String> pairOfKey = new HashMap<>();
    private final Map<WatchKey, Path> folderOfKey = new HashMap<>();
    private final Thread thread;

    SourceWatcher(Consumer<Set<String>> changed) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.changed = changed;
        this.thread = new Thread(this::run, "folder-sync-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Watches a pair's source folder from now on (and forgets what it watched for that pair before). */
    synchronized void watch(String pairId, Path source) {
        forget(pairId);
        if (!Files.isDirectory(source)) {
            LOG.warn("Folder pair {}: source {} is not a folder; not watched", pairId, source);
            return;
        }
        register(pairId, source);
    }

    /**
     * Watches one more folder for a pair, unless it is watched already: a two-way pair's target, which
     * its first sync may only just have created.
     */
    synchronized void watchAlso(String pairId, Path folder) {
        if (Files.isDirectory(folder) && !folderOfKey.containsValue(folder)) {
            register(pairId, folder);
        }
    }

    synchronized void forget(String pairId) {
        pairOfKey.entrySet().removeIf(e -> {
            if (e.getValue().equals(pairId)) {
                e.getKey().cancel();
                folderOfKey.remove(e.getKey());
                return true;
            }
            return false;
        });
    }

    private void register(String pairId, Path folder) {
        try (Stream<Path> folders = Files.walk(folder)) {
            for (Path f : folders.filter(Files::isDirectory).toList()) {
                WatchKey key = f.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
                pairOfKey.put(key, pairId);
                folderOfKey.put(key, f);
            }
        } catch (IOException | ClosedWatchServiceException e) {
            LOG.warn("Folder pair {}: cannot watch {}", pairId, folder, e);
        }
    }

    private void run() {
        Set<String> pending = new LinkedHashSet<>();
        try {
            while (true) {
                WatchKey key = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
                if (key == null) {
                    if (!pending.isEmpty()) {
                        Set<String> batch = Set.copyOf(pending);
                        pending.clear();
                        notify(batch);
                    }
                    continue;
                }
                synchronized (this) {
                    String pairId = pairOfKey.get(key);
                    Path folder = folderOfKey.get(key);
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (pairId == null) {
                            continue;
                        }
                        pending.add(pairId);
                        if (event.kind() != OVERFLOW && event.kind() == ENTRY_CREATE && folder != null) {
                            Path created = folder.resolve((Path) event.context());
                            if (Files.isDirectory(created)) {
                                register(pairId, created); // new subfolders are watched too
                            }
                        }
                    }
                    key.reset();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private void notify(Set<String> pairs) {
        try {
            changed.accept(pairs);
        } catch (RuntimeException e) {
            LOG.warn("Handling a change of folder pairs {} failed", pairs, e);
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("Closing the watch service", e);
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
