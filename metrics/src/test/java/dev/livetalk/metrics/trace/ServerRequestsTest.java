package dev.livetalk.metrics.trace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The compact list of a run's server requests holds what a plain list of them holds. */
class ServerRequestsTest {
    private static final List<String> TYPES = List.of("hello", "join", "leave", "history", "send");

    /** Times as a busy run records them (about a millisecond apart, now and then out of order), and far jumps. */
    private static List<ServerRequest> requests(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ServerRequest> requests = new ArrayList<>();
        long at = random.nextLong();
        for (int i = 0; i < count; i++) {
            at += switch (random.nextInt(10)) {
                case 0 -> -random.nextLong(5_000_000); // recorded out of order by another thread
                case 1 -> random.nextLong(); // anything, wrapping
                case 2 -> 0;
                default -> random.nextLong(2_000_000);
            };
            requests.add(new ServerRequest(TYPES.get(random.nextInt(TYPES.size())), at));
        }
        requests.add(new ServerRequest("send", Long.MIN_VALUE));
        requests.add(new ServerRequest("send", Long.MAX_VALUE));
        requests.add(new ServerRequest("send", Long.MIN_VALUE));
        return requests;
    }

    private static List<ServerRequest> compact(List<ServerRequest> requests) {
        ServerRequests.Builder built = new ServerRequests.Builder();
        requests.forEach(r -> built.add(r.type(), r.at()));
        return built.build();
    }

    @Test
    void shouldHoldEveryRequestInOrder() {
        for (long seed = 1; seed <= 20; seed++) {
            int count = (int) (seed * 97 % (5 * ServerRequests.BLOCK)) + (seed == 1 ? 0 : 1);
            List<ServerRequest> plain = requests(seed, count);
            List<ServerRequest> compact = compact(plain);

            assertThat(compact).as("seed %d", seed).isInstanceOf(ServerRequests.class).hasSize(plain.size());
            assertThat(compact).as("seed %d, iterated", seed).containsExactlyElementsOf(plain);
            for (int i = 0; i < plain.size(); i++) {
                assertThat(compact.get(i)).as("seed %d, get(%d)", seed, i).isEqualTo(plain.get(i));
            }
            assertThat(compact).isEqualTo(plain);
            assertThat(compact.hashCode()).isEqualTo(plain.hashCode());
        }
    }

    @Test
    void shouldRefuseAnIndexOutsideAndAnIteratorPastTheEnd() {
        List<ServerRequest> compact = compact(requests(3, 10));

        assertThatThrownBy(() -> compact.get(compact.size())).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> compact.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        Iterator<ServerRequest> it = compact.iterator();
        compact.forEach(r -> it.next());
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        assertThat(compact(List.of())).isEmpty();
    }

    @Test
    void shouldFallBackToAPlainListPastTwoHundredFiftySixTypes() {
        List<ServerRequest> plain = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            plain.add(new ServerRequest("type" + i, 1_000L * i));
        }
        List<ServerRequest> compact = compact(plain);

        assertThat(compact).isNotInstanceOf(ServerRequests.class).isEqualTo(plain);
    }

    @Test
    void shouldTakeAboutFourBytesARequestOfABusyRun() {
        SplittableRandom random = new SplittableRandom(7);
        ServerRequests.Builder built = new ServerRequests.Builder();
        long at = 0;
        for (int i = 0; i < 100_000; i++) {
            at += random.nextLong(2_000_000); // 1,000 requests a second
            built.add("send", at);
        }
        assertThat(((ServerRequests) built.build()).bytes()).isLessThan(100_000L * 5);
    }
}
