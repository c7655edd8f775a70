package dev.synccenter.sample.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.SyncIds;

/**
 * A checked copy of the demo handler's configuration. A value out of range is never a reason to
 * fail: it is logged with its key, and the nearest valid value (or the default) is used.
 */
record DemoSettings(List<String> items, int steps, long stepMillis, double failureRate, Behaviour behaviour) {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSettings.class);

    /** The behaviours {@link DemoHandler.Config#behaviour()} names. */
    enum Behaviour {
        NORMAL, HANG, IGNORE_CANCEL, THROW;

        /** The behaviour a name stands for ("ignore-cancel", any case), or null for an unknown name. */
        static Behaviour of(String name) {
            String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Behaviour b : values()) {
                if (b.name().equals(key)) {
                    return b;
                }
            }
            return null;
        }
    }

    static DemoSettings from(DemoHandler.Config c) {
        List<String> items = new ArrayList<>();
        if (c.items() != null) {
            for (String id : c.items()) {
                String problem = SyncIds.problem(id == null ? null : id.trim());
                if (problem != null) {
                    LOG.warn("Demo handler: item ID '{}' in 'items' ignored: it {}", id, problem);
                } else if (!items.contains(id.trim())) {
                    items.add(id.trim());
                }
            }
        }
        double rate = c.failure_rate();
        if (Double.isNaN(rate) || rate < 0 || rate > 1) {
            double used = Double.isNaN(rate) ? 0 : Math.min(1, Math.max(0, rate));
            LOG.warn("Demo handler: 'failure.rate' is {}, not between 0 and 1; {} is used", rate, used);
            rate = used;
        }
        Behaviour behaviour = Behaviour.of(c.behaviour());
        if (behaviour == null) {
            LOG.warn("Demo handler: 'behaviour' '{}' is none of normal, hang, ignore-cancel, throw; normal is used",
                    c.behaviour());
            behaviour = Behaviour.NORMAL;
        }
        return new DemoSettings(List.copyOf(items), atLeastZero("steps", c.steps()),
                atLeastZero("step.millis", c.step_millis()), rate, behaviour);
    }

    private static int atLeastZero(String key, int value) {
        return (int) atLeastZero(key, (long) value);
    }

    private static long atLeastZero(String key, long value) {
        if (value < 0) {
            LOG.warn("Demo handler: '{}' is {}, not 0 or more; 0 is used", key, value);
            return 0;
        }
        return value;
    }
}
