package dev.livetalk.client.strategy;

/**
 * Makes strategies of one kind; found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.livetalk.client.strategy.StrategyProvider}. Must have a public
 * no-argument constructor. Thread-safe: {@link #create} may be called from any thread and
 * returns a new instance each time.
 */
public interface StrategyProvider {

    /** The unique name scenarios select it by: lowercase words joined by hyphens. */
    String name();

    /** One line for {@code livetalk strategies}; null or blank lists the strategy as {@code (no description)}. */
    String description();

    /** A new strategy for one session. */
    ReconciliationStrategy create(StrategySettings settings);
}
