package dev.synccenter.impl;

import java.util.function.Function;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * A service's object, got from its reference the first time it is needed, on the caller's thread,
 * and kept once got; none (null) is not kept, so a later call tries again. Equal for the same
 * service reference.
 */
final class ServiceObject<S> {

    private final ServiceReference<S> reference;
    private final Function<ServiceReference<S>, S> locate;
    private volatile S object;

    /** @param locate gets the service object; null when there is none (SCR's {@code locateService}) */
    ServiceObject(ServiceReference<S> reference, Function<ServiceReference<S>, S> locate) {
        this.reference = reference;
        this.locate = locate;
    }

    /** The object, or null if there is none now. */
    S get() {
        S got = object;
        if (got == null) {
            got = locate.apply(reference);
            object = got;
        }
        return got;
    }

    Object serviceId() {
        return reference.getProperty(Constants.SERVICE_ID);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceObject<?> o && o.reference.equals(reference);
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }
}
