/** The engine's metrics as a JMX MXBean, for Karaf, JConsole and JMX exporters. */
package dev.synccenter.impl.metrics;
