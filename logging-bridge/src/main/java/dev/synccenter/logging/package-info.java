/**
 * The distribution's logging bridge: the OSGi Log Service's entries into Logback, java.util.logging
 * into slf4j, and Logback's levels into the OSGi LoggerAdmin, so that one configuration file
 * (etc/logback.xml) decides what is logged, in one format, into one file. Exports nothing.
 */
package dev.synccenter.logging;
