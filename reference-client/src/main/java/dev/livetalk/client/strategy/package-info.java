/**
 * Reconciliation strategies: the {@link dev.livetalk.client.strategy.ReconciliationStrategy}
 * SPI, its {@link dev.livetalk.client.strategy.StrategyContext}, discovery through
 * {@link dev.livetalk.client.strategy.StrategyProvider} and
 * {@link dev.livetalk.client.strategy.Strategies}, and the six built-ins of README.md's strategy table.
 * See docs/WRITING-A-STRATEGY.md.
 */
package dev.livetalk.client.strategy;
