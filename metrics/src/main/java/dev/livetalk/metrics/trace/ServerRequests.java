package dev.livetalk.metrics.trace;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The server's requests of a run read back from its trace, kept compactly: per request its time
 * and the place of its type among the few types seen (9 bytes a request, where a list of
 * {@link ServerRequest}s takes about 30: an hour of the 200-client soak records millions). Each
 * {@link #get} makes the request anew; equal, element by element, to the list of the same requests.
 *
 * <p>Immutable once built; any thread.
 */
final class ServerRequests extends AbstractList<ServerRequest> implements RandomAccess {
    private final List<String> types;
    private final long[] times;
    private final byte[] typeOf;
    private final int size;

    private ServerRequests(List<String> types, long[] times, byte[] typeOf, int size) {
        this.types = types;
        this.times = times;
        this.typeOf = typeOf;
        this.size = size;
    }

    @Override
    public ServerRequest get(int index) {
        java.util.Objects.checkIndex(index, size);
        return new ServerRequest(types.get(typeOf[index] & 0xff), times[index]);
    }

    @Override
    public int size() {
        return size;
    }

    /** Gathers requests in order; more than 256 types (never: the protocol has a handful) fall back to a plain list. */
    static final class Builder {
        private final List<String> types = new ArrayList<>();
        private long[] times = new long[1024];
        private byte[] typeOf = new byte[1024];
        private int size;
        private List<ServerRequest> plain;

        void add(String type, long at) {
            if (plain != null) {
                plain.add(new ServerRequest(type, at));
                return;
            }
            int t = types.indexOf(type);
            if (t < 0) {
                if (types.size() == 256) {
                    plain = new ArrayList<>(build());
                    plain.add(new ServerRequest(type, at));
                    return;
                }
                new ServerRequest(type, at); // the same refusal of a request without a type
                types.add(type);
                t = types.size() - 1;
            }
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                typeOf = Arrays.copyOf(typeOf, size * 2);
            }
            times[size] = at;
            typeOf[size] = (byte) t;
            size++;
        }

        List<ServerRequest> build() {
            if (plain != null) {
                return List.copyOf(plain);
            }
            return new ServerRequests(List.copyOf(types), Arrays.copyOf(times, size), Arrays.copyOf(typeOf, size), size);
        }
    }
}
