/**
 * The strategy API: the {@link dev.livetalk.client.strategy.ReconciliationStrategy} SPI, its
 * {@link dev.livetalk.client.strategy.StrategyContext}, discovery through
 * {@link dev.livetalk.client.strategy.StrategyProvider} and
 * {@link dev.livetalk.client.strategy.Strategies}. Its own artifact,
 * {@code dev.livetalk:livetalk-strategy-api}, so that a strategy compiles against it alone; the
 * built-in strategies are in the reference client ({@code dev.livetalk.client.strategy.builtin}).
 * See docs/WRITING-A-STRATEGY.md.
 */
package dev.livetalk.client.strategy;
