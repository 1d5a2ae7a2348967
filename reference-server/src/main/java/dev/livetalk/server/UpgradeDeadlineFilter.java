package dev.livetalk.server;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpResponsePacket;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes a TCP connection that has not finished its WebSocket upgrade (written its
 * {@code 101 Switching Protocols}) within the deadline after it was accepted: a peer that
 * opens sockets and never speaks, or speaks HTTP but never upgrades, holds a descriptor for
 * at most the deadline. Sits in the Grizzly filter chain between the HTTP codec and Tyrus,
 * where it sees the upgrade response go out.
 *
 * <p>Threads: Grizzly's threads call the filter methods, for many connections at once; the
 * deadline check runs on the given timer. The only state is a connection attribute, set
 * once by the thread that writes the upgrade response and read by the timer.
 */
final class UpgradeDeadlineFilter extends BaseFilter {
    private static final System.Logger LOG = System.getLogger(UpgradeDeadlineFilter.class.getName());
    private static final int SWITCHING_PROTOCOLS = 101;
    private static final Attribute<Boolean> UPGRADED = Grizzly.DEFAULT_ATTRIBUTE_BUILDER
            .createAttribute(UpgradeDeadlineFilter.class.getName() + ".upgraded");

    private final Duration deadline;
    private final ScheduledExecutorService timer;

    UpgradeDeadlineFilter(Duration deadline, ScheduledExecutorService timer) {
        this.deadline = deadline;
        this.timer = timer;
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) {
        Connection<?> connection = ctx.getConnection();
        timer.schedule(() -> closeUnlessUpgraded(connection), deadline.toNanos(), TimeUnit.NANOSECONDS);
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) {
        if (ctx.getMessage() instanceof HttpContent content
                && content.getHttpHeader() instanceof HttpResponsePacket response
                && response.getStatus() == SWITCHING_PROTOCOLS) {
            UPGRADED.set(ctx.getConnection(), Boolean.TRUE);
        }
        return ctx.getInvokeAction();
    }

    private void closeUnlessUpgraded(Connection<?> connection) {
        if (connection.isOpen() && !Boolean.TRUE.equals(UPGRADED.get(connection))) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: no WebSocket upgrade within {1} ms: closed",
                    connection.getPeerAddress(), deadline.toMillis());
            connection.closeSilently();
        }
    }
}
