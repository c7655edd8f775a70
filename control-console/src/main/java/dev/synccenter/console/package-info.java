/**
 * The platform's own web console: a servlet that serves the console's static files from this
 * bundle in control-http's whiteboard context. Private: the bundle exports nothing.
 */
package dev.synccenter.console;
