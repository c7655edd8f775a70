package dev.synccenter.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.impl.state.StateStore;
import dev.synccenter.impl.store.StateKey;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.SyncStore;

/**
 * Versions before the store kept enabled and active states in a properties file in the bundle's
 * data area. At the first start on a store, its states move into the store, and the file is
 * renamed so that it is never read again (C29, C30: states survive the upgrade too).
 */
final class LegacyStates {

    static final String FILE = "handler-states.properties";
    private static final Logger LOG = LoggerFactory.getLogger(LegacyStates.class);

    private LegacyStates() {
    }

    static void moveInto(Path file, SyncStore store) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Map<StateKey, Boolean> states = new StateStore(file).changed();
        try {
            for (Map.Entry<StateKey, Boolean> e : states.entrySet()) {
                store.submit(new StoreChange.StateChanged(e.getKey(), e.getValue())).join();
            }
            Files.move(file, file.resolveSibling(FILE + ".moved-to-store"), StandardCopyOption.REPLACE_EXISTING);
            LOG.info("Moved {} handler and item state(s) from {} into the store {}", states.size(), file, store.name());
        } catch (RuntimeException | IOException e) {
            LOG.warn("Could not move the states of {} into the store {}; they are tried again at the next start: {}",
                    file, store.name(), e.toString());
        }
    }
}
