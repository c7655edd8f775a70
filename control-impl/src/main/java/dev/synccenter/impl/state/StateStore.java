package dev.synccenter.impl.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.impl.store.StateKey;

/**
 * The enabled and active states of handlers and items (C29, C30), as the engine reads them: in
 * memory, loaded from the durable store, whose writes the engine makes itself. The properties file
 * of earlier versions is only read, once, to move its states into the store. Only states that differ from the
 * defaults (active, enabled) are kept.
 */
public final class StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    private final Path file;
    private final Properties states = new Properties();

    public StateStore(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                states.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("Cannot read the saved handler states from {}; starting with defaults", file, e);
            }
        }
    }

    public static StateStore inMemory() {
        return new StateStore(null);
    }

    /** The states a durable store holds (C29, C30), in memory, for the engine to read quickly. */
    public static StateStore of(Map<StateKey, Boolean> stored) {
        StateStore states = inMemory();
        stored.forEach(states::set);
        return states;
    }

    /** Sets one state by its store key. */
    public synchronized void set(StateKey key, boolean value) {
        switch (key.what()) {
            case HANDLER_ENABLED -> setHandlerEnabled(key.handlerId(), value);
            case HANDLER_ACTIVE -> setHandlerActive(key.handlerId(), value);
            case ITEM_ENABLED -> setItemEnabled(key.handlerId(), key.itemId(), value);
        }
    }

    /** Every state that differs from the default, as store keys: to move a properties file into a store. */
    public synchronized Map<StateKey, Boolean> changed() {
        Map<StateKey, Boolean> out = new LinkedHashMap<>();
        for (String key : states.stringPropertyNames()) {
            if (key.startsWith("inactive.")) {
                out.put(StateKey.handlerActive(key.substring("inactive.".length())), false);
            } else if (key.startsWith("disabled.")) {
                String rest = key.substring("disabled.".length());
                int slash = rest.indexOf('/');
                out.put(slash < 0 ? StateKey.handlerEnabled(rest)
                        : StateKey.itemEnabled(rest.substring(0, slash), rest.substring(slash + 1)), false);
            }
        }
        return out;
    }

    public synchronized boolean handlerActive(String handlerId) {
        return !states.containsKey("inactive." + handlerId);
    }

    public synchronized boolean handlerEnabled(String handlerId) {
        return !states.containsKey("disabled." + handlerId);
    }

    public synchronized boolean itemEnabled(String handlerId, String itemId) {
        return !states.containsKey("disabled." + handlerId + "/" + itemId);
    }

    public synchronized void setHandlerActive(String handlerId, boolean active) {
        set("inactive." + handlerId, !active);
    }

    public synchronized void setHandlerEnabled(String handlerId, boolean enabled) {
        set("disabled." + handlerId, !enabled);
    }

    public synchronized void setItemEnabled(String handlerId, String itemId, boolean enabled) {
        set("disabled." + handlerId + "/" + itemId, !enabled);
    }

    private void set(String key, boolean present) {
        if (present) {
            states.setProperty(key, "true");
        } else {
            states.remove(key);
        }
    }
}
