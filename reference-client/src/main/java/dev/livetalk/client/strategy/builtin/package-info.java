/**
 * The six built-in strategies of README.md's strategy table, registered with the
 * {@link java.util.ServiceLoader} like any plugged-in one.
 */
package dev.livetalk.client.strategy.builtin;
