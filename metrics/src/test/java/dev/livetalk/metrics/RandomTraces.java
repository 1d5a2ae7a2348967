package dev.livetalk.metrics;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.protocol.Message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random traces of flawed strategies through {@link TraceFixture}: several rooms and members, small
 * transcript limits, duplicates (a few, and a message shown hundreds of times), phantoms, a restart that leaves
 * lines of a lost epoch, pending echoes acked, failed or left pending, replies before their parents, lines moved,
 * replaced and removed, rooms shown without joining, and reconnections without history (unreachable seqs).
 *
 * <p>Test thread only.
 */
public final class RandomTraces {
    private RandomTraces() {
    }

    private static final int[] LIMITS = {1, 2, 3, 5, 8, Transcript.NO_LIMIT};

    private record Send(Client client, String room, String cmid, String replyTo) {
    }

    public static RunTrace of(long seed) {
        Random rnd = new Random(seed);
        TraceFixture run = new TraceFixture("random", rnd.nextInt(4) == 0 ? 3 : 0);
        int roomCount = 1 + rnd.nextInt(3);
        List<String> rooms = new ArrayList<>();
        for (int r = 0; r < roomCount; r++) {
            rooms.add("room" + r);
        }
        boolean restarts = rnd.nextInt(3) == 0;
        String epoch = "e1";
        run.started(epoch, 0).epoch(epoch);
        int clientCount = 2 + rnd.nextInt(4);
        List<Client> clients = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            Client client = run.client("u" + c);
            client.welcome("main", epoch, 0);
            for (String room : rooms) {
                int pick = rnd.nextInt(6);
                int limit = LIMITS[rnd.nextInt(LIMITS.length)];
                if (pick < 4) {
                    client.join(room, rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(3) : 0, limit);
                } else if (pick == 4) {
                    client.show(room, limit);
                }
            }
            clients.add(client);
        }
        Map<String, List<Message>> committed = new HashMap<>();
        rooms.forEach(r -> committed.put(r, new ArrayList<>()));
        List<Send> pendingCommit = new ArrayList<>();
        List<Map.Entry<Send, Message>> pendingAck = new ArrayList<>();
        int steps = 20 + rnd.nextInt(80);
        double t = 1;
        int sendNo = 0;
        int phantomNo = 0;
        boolean restarted = false;
        for (int step = 0; step < steps; step++) {
            t += 1 + rnd.nextInt(3);
            int op = rnd.nextInt(100);
            try {
                if (op < 15) { // a send by a member, its echo shown (or not)
                    Client client = clients.get(rnd.nextInt(clients.size()));
                    String room = rooms.get(rnd.nextInt(rooms.size()));
                    if (!client.has(room)) {
                        continue;
                    }
                    List<Message> inRoom = committed.get(room);
                    String replyTo = !inRoom.isEmpty() && rnd.nextInt(3) == 0
                            ? inRoom.get(rnd.nextInt(inRoom.size())).id() : null;
                    String cmid = client.id() + "-s" + sendNo++;
                    client.send(room, cmid, replyTo, t, t + 0.5, rnd.nextInt(5) == 0 ? -1 : t + 0.7);
                    pendingCommit.add(new Send(client, room, cmid, replyTo));
                } else if (op < 30) { // the server commits (a member's send, or another user's)
                    String room = rooms.get(rnd.nextInt(rooms.size()));
                    List<Message> inRoom = committed.get(room);
                    if (!pendingCommit.isEmpty() && rnd.nextBoolean()) {
                        Send send = pendingCommit.remove(rnd.nextInt(pendingCommit.size()));
                        Message m = run.commitReply(send.room(), send.client().id().replaceFirst("-1$", ""),
                                send.cmid(), send.replyTo(), t);
                        committed.get(send.room()).add(m);
                        pendingAck.add(Map.entry(send, m));
                    } else {
                        String replyTo = !inRoom.isEmpty() && rnd.nextInt(3) == 0
                                ? inRoom.get(rnd.nextInt(inRoom.size())).id() : null;
                        inRoom.add(run.commitReply(room, "carol", "c" + sendNo++, replyTo, t));
                    }
                } else if (op < 36) { // the sender sees its ack, or its send fails
                    if (pendingAck.isEmpty()) {
                        continue;
                    }
                    Map.Entry<Send, Message> acked = pendingAck.remove(rnd.nextInt(pendingAck.size()));
                    Send send = acked.getKey();
                    int how = rnd.nextInt(4);
                    if (how == 0) {
                        send.client().ackBySeq(send.cmid(), acked.getValue(), t);
                    } else if (how == 1) {
                        send.client().ackInPlace(send.cmid(), acked.getValue(), t);
                    } else if (how == 2) {
                        send.client().fail(send.room(), send.cmid(), t);
                    } // else: left pending
                } else if (op < 38) { // a send fails before it is committed
                    if (pendingCommit.isEmpty()) {
                        continue;
                    }
                    Send send = pendingCommit.remove(rnd.nextInt(pendingCommit.size()));
                    send.client().fail(send.room(), send.cmid(), t);
                } else if (op < 75) { // a member shows a committed message
                    Client client = clients.get(rnd.nextInt(clients.size()));
                    String room = rooms.get(rnd.nextInt(rooms.size()));
                    List<Message> inRoom = committed.get(room);
                    if (!client.has(room) || inRoom.isEmpty()) {
                        continue;
                    }
                    Message m = rnd.nextInt(3) == 0 ? inRoom.get(rnd.nextInt(inRoom.size()))
                            : inRoom.get(Math.max(0, inRoom.size() - 1 - rnd.nextInt(3)));
                    int how = rnd.nextInt(20);
                    if (how < 12) {
                        client.place(m, t);
                    } else if (how < 19) {
                        client.append(m, t);
                    } else {
                        int times = rnd.nextInt(4) == 0 ? 300 : 2 + rnd.nextInt(5);
                        for (int i = 0; i < times; i++) {
                            client.append(m, t);
                        }
                    }
                } else if (op < 80) { // a phantom: a message the server never committed
                    Client client = clients.get(rnd.nextInt(clients.size()));
                    String room = rooms.get(rnd.nextInt(rooms.size()));
                    if (!client.has(room)) {
                        continue;
                    }
                    Message phantom = new Message(room, 1 + rnd.nextInt(40), "ph" + phantomNo, "phc" + phantomNo,
                            "mallory", "phantom " + phantomNo, null, 0);
                    phantomNo++;
                    if (rnd.nextBoolean()) {
                        client.append(phantom, t);
                    } else {
                        client.place(phantom, t);
                    }
                } else if (op < 92) { // a line moved, redrawn, advanced or removed
                    Client client = clients.get(rnd.nextInt(clients.size()));
                    String room = rooms.get(rnd.nextInt(rooms.size()));
                    if (!client.has(room)) {
                        continue;
                    }
                    Transcript transcript = client.at(room, t);
                    List<TranscriptEntry> lines = transcript.entries();
                    if (lines.isEmpty()) {
                        continue;
                    }
                    TranscriptEntry line = lines.get(rnd.nextInt(lines.size()));
                    switch (rnd.nextInt(5)) {
                        case 0 -> transcript.moveToEnd(line.key());
                        case 1 -> transcript.remove(line.key());
                        case 2 -> transcript.advanceStatus(line.key(), MessageStatus.DELIVERED);
                        case 3 -> transcript.replace(line.key(), line.withStatus(MessageStatus.READ));
                        default -> {
                            List<Message> inRoom = committed.get(room);
                            if (!inRoom.isEmpty() && line.isCommitted()) { // replaced by another message
                                Message other = inRoom.get(rnd.nextInt(inRoom.size()));
                                transcript.replace(line.key(), TranscriptEntry.committed(other, MessageStatus.SENT));
                            }
                        }
                    }
                } else if (op < 94) { // a reconnection without history, then a history refetch from a seq
                    Client client = clients.get(rnd.nextInt(clients.size()));
                    String room = rooms.get(rnd.nextInt(rooms.size()));
                    client.welcome("main", restarted ? "e2" : "e1", t);
                    if (rnd.nextInt(3) > 0) {
                        client.refetch(room, 3, 300, t + 0.5, 1 + rnd.nextInt(1 + committed.get(room).size()));
                    }
                } else if (op < 96 && restarts && !restarted) { // a restart without durable history
                    restarted = true;
                    run.restart("e2").started("e2", t);
                    rooms.forEach(r -> committed.put(r, new ArrayList<>()));
                    pendingAck.clear();
                    for (Client client : clients) {
                        client.welcome("main", "e2", t + 0.2);
                        for (String room : rooms) {
                            if (client.has(room) && rnd.nextBoolean()) {
                                client.clear(room, t + 0.3);
                            }
                        }
                    }
                } else { // read marks
                    Client client = clients.get(rnd.nextInt(clients.size()));
                    String room = rooms.get(rnd.nextInt(rooms.size()));
                    List<Message> inRoom = committed.get(room);
                    if (client.has(room) && !inRoom.isEmpty()) {
                        client.read(room, inRoom.get(rnd.nextInt(inRoom.size())).seq(), t);
                    }
                }
            } catch (RuntimeException e) {
                // the transcript refused the flawed strategy's change (a seq taken twice, an evicted key): go on
            }
        }
        return run.build();
    }
}
