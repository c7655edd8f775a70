package dev.synccenter.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import dev.synccenter.control.HandlerChange;
import dev.synccenter.control.SyncListener;

/** A whiteboard listener's object is got on its first notification, never in the bind method (C24, C34). */
class LazyListenerTest {

    private final List<String> told = new CopyOnWriteArrayList<>();
    private final SyncListener recorder = new SyncListener() {
        @Override
        public void handlerChanged(String handlerId, HandlerChange change) {
            told.add(handlerId + " " + change);
        }
    };

    // C34
    @Test
    void c34_theObjectIsGotOnTheFirstNotificationAndKept() {
        AtomicInteger gets = new AtomicInteger();
        ServiceReference<SyncListener> service = reference(5);
        LazyListener lazy = new LazyListener(service, r -> {
            gets.incrementAndGet();
            return recorder;
        });
        assertThat(gets).hasValue(0);
        lazy.handlerChanged("demo", HandlerChange.ADDED);
        lazy.handlerChanged("demo", HandlerChange.CHANGED);
        assertThat(gets).hasValue(1);
        assertThat(told).containsExactly("demo ADDED", "demo CHANGED");
    }

    // C19: a listener component that failed to activate is told nothing, and that is no failure
    @Test
    void c19_noObjectMeansNothingIsToldAndNothingThrows() {
        LazyListener lazy = new LazyListener(reference(6), r -> null);
        lazy.handlerChanged("demo", HandlerChange.ADDED);
        assertThat(told).isEmpty();
    }

    @Test
    void twoWrappersOfOneServiceAreEqualSoThatUnbindingFindsTheBoundOne() {
        ServiceReference<SyncListener> service = reference(7);
        assertThat(new LazyListener(service, r -> recorder)).isEqualTo(new LazyListener(service, r -> null))
                .hasSameHashCodeAs(new LazyListener(service, r -> recorder));
        assertThat(new LazyListener(service, r -> recorder)).isNotEqualTo(new LazyListener(reference(7), r -> recorder));
    }

    /** A service reference with only a service ID, equal only to itself, as the framework's are. */
    @SuppressWarnings("unchecked")
    private static ServiceReference<SyncListener> reference(long serviceId) {
        return (ServiceReference<SyncListener>) Proxy.newProxyInstance(LazyListenerTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> Constants.SERVICE_ID.equals(args[0]) ? (Object) serviceId : null;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "reference to service " + serviceId;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
