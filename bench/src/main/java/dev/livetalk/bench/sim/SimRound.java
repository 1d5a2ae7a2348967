package dev.livetalk.bench.sim;

/**
 * The figures of one simulated play.
 *
 * @param codec      whether frames went through the protocol's codec
 * @param wallNanos  the play on the machine's clock
 * @param cpuNanos   CPU time of the simulating thread (a collector's threads not included)
 * @param gcMillis   time the collectors reported during this play (pauses, summed over collectors); a
 *                   collection is paid by the round that fills the heap, whichever round made the garbage
 * @param deliveries frames handed to a server or client core
 * @param actions    event-loop actions run
 */
public record SimRound(boolean codec, long wallNanos, long cpuNanos, long gcMillis, long deliveries, long actions) {

    /** Deliveries per second of the simulating thread's CPU time: the "one core" figure. */
    public double deliveriesPerCpuSecond() {
        return deliveries * 1e9 / cpuNanos;
    }

    /** Deliveries per second of wall time (collector pauses included). */
    public double deliveriesPerWallSecond() {
        return deliveries * 1e9 / wallNanos;
    }

    /** Which way frames travelled, for tables. */
    public String mode() {
        return codec ? "codec on" : "codec off";
    }
}
