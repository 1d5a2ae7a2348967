/**
 * Plays a scenario once per strategy against the reference server, through one proxy per
 * client link, and records what happened: the resolved open-model load, the fault schedule,
 * every send and every transcript change of every client, and the server's commit log.
 */
package dev.livetalk.runner;
