package dev.livetalk.run;

import dev.livetalk.protocol.LinkRole;
import dev.livetalk.scenarios.ClientShape;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.scenarios.fault.LinkSelector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The clients of a run and their links, the same on every backend: one client per user who is
 * a member of at least one room. A user in no room has nothing to join, send or show, so it has
 * no client, and a fault that names it (such as one on {@code all}) passes it by. A client
 * is named by its user everywhere a person reads it (traces, results, reports, fault
 * schedules); its {@link Client#index() index} (the user's place in the scenario) only seeds
 * its random source and numbers its links inside a backend.
 *
 * <p>Immutable; any thread.
 *
 * @param shape    single-connection or split clients
 * @param clients  in the scenario's user order
 * @param roomless the users in no room, who have no client
 */
public record ClientLayout(ClientShape shape, List<Client> clients, List<String> roomless) {
    public ClientLayout {
        clients = List.copyOf(clients);
        roomless = List.copyOf(roomless);
    }

    /**
     * One client.
     *
     * @param index the user's place in the scenario's users, from 0
     * @param user  the user, which is also the client's name
     * @param rooms the rooms it is a member of, in the scenario's order
     * @param roles its links: {@link LinkRole#MAIN}, or {@link LinkRole#SEND} and {@link LinkRole#RECEIVE}
     */
    public record Client(int index, String user, List<String> rooms, List<LinkRole> roles) {
        public Client {
            rooms = List.copyOf(rooms);
            roles = List.copyOf(roles);
        }
    }

    /**
     * The name of a client's link inside a backend (a Toxiproxy proxy, a simulated link), such
     * as {@code c017-receive}: {@code c}, the client's index in at least three digits, {@code -},
     * the link role. People read clients by their user; this name only has to be short, unique
     * and valid wherever a backend puts it.
     */
    public static String linkName(int index, LinkRole role) {
        if (index < 0) {
            throw new IllegalArgumentException("client index must be >= 0: " + index);
        }
        return String.format(Locale.ROOT, "c%03d-%s", index, role.name().toLowerCase(Locale.ROOT));
    }

    /** The layout of {@code scenario}. */
    public static ClientLayout of(Scenario scenario) {
        List<Client> clients = new ArrayList<>();
        List<String> roomless = new ArrayList<>();
        List<String> users = scenario.users();
        List<LinkRole> roles = LinkSelector.BOTH.roles(scenario.clientShape());
        for (int index = 0; index < users.size(); index++) {
            List<String> rooms = RunSetup.roomsOf(scenario, users.get(index));
            if (rooms.isEmpty()) {
                roomless.add(users.get(index));
            } else {
                clients.add(new Client(index, users.get(index), rooms, roles));
            }
        }
        return new ClientLayout(scenario.clientShape(), clients, roomless);
    }

    /** How many links, one connection each, the clients open at once. */
    public int linkCount() {
        return clients.stream().mapToInt(c -> c.roles().size()).sum();
    }

    /**
     * The links {@code window} acts on, per client: the selected links of its clients, or
     * every link of every client for a server-side window (the server's end of the network is
     * all of them); none for a fault on the server process itself ({@code restart},
     * {@code pause}, {@code slow-commit}: {@link dev.livetalk.scenarios.fault.FaultKind#onServer()}),
     * which a backend plays on its server, never on links.
     *
     * @throws IllegalArgumentException when the window names a user who is not in the scenario
     */
    public Map<Client, List<LinkRole>> targets(FaultWindow window) {
        if (window.kind().onServer()) {
            return Map.of();
        }
        Map<String, Client> byUser = new LinkedHashMap<>();
        clients.forEach(c -> byUser.put(c.user(), c));
        Iterable<String> users = window.serverSide() ? byUser.keySet() : window.clients();
        LinkSelector selector = window.serverSide() ? LinkSelector.BOTH : window.link();
        Map<Client, List<LinkRole>> targets = new LinkedHashMap<>();
        for (String user : users) {
            Client client = byUser.get(user);
            if (client == null && roomless.contains(user)) {
                continue;
            }
            if (client == null) {
                throw new IllegalArgumentException("fault " + window.fault() + " targets " + user
                        + ", who is not a user of this scenario");
            }
            targets.put(client, selector.roles(shape));
        }
        return targets;
    }
}
