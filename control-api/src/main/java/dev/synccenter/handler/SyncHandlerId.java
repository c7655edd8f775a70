package dev.synccenter.handler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Declares a DS component's handler ID, typed: {@code @Component @SyncHandlerId("my-handler")}
 * sets the service property {@value SyncHandler#HANDLER_ID} (C3).
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SyncHandlerId {
    /** The handler ID: 1 to 63 characters, no control characters, no outer white space (C1). */
    String value();
}
