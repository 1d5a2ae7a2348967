/**
 * The Tyrus (standalone WebSocket client) transport of {@link dev.livetalk.client.ClientSession}:
 * a {@link dev.livetalk.client.tyrus.ClientDriver} hosts many sessions on one owner thread and
 * carries each of their links over its own WebSocket connection.
 */
package dev.livetalk.client.tyrus;
