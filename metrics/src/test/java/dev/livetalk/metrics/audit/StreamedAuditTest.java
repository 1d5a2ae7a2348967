package dev.livetalk.metrics.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.ledger.LedgerWriter;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ReceiptKind;
import dev.livetalk.scenarios.fault.FaultSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit of a multi-room ledger written as the harness writes it, room by room
 * ({@link LedgerWriter}), so that it is read one room at a time: it agrees with the real
 * checkers' results.json on every figure, its recount is the one of the same rows held in memory
 * or split by room first, figures computed here from the rows agree, and altered figures are
 * reported.
 */
class StreamedAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ROOMS = {"alpha", "beta", "gamma", "delta"};

    @TempDir
    Path dir;

    /**
     * Eight users in four rooms (each in two or more), seeded: sends (some never committed, some
     * never shown to a member, some shown out of order), markers, reads, receipts, reconnections
     * and refetches, an outage on two users and a blip on everybody.
     */
    static RunTrace run(long seed) {
        Random random = new Random(seed);
        TraceFixture run = new TraceFixture("reconcile", 1_000);
        run.window("outage", 1_400, 1_600, "u1", "u2");
        run.window("blip", 2_500, 2_550);
        List<Client> users = new ArrayList<>();
        Map<String, List<Client>> members = new HashMap<>();
        for (int u = 0; u < 8; u++) {
            Client client = run.client("u" + u);
            client.welcome("main", "e1", 900);
            users.add(client);
            for (int r = 0; r < ROOMS.length; r++) {
                if (r == u % ROOMS.length || r == (u + 1) % ROOMS.length || random.nextInt(3) == 0) {
                    client.join(ROOMS[r], 0);
                    members.computeIfAbsent(ROOMS[r], k -> new ArrayList<>()).add(client);
                }
            }
        }
        users.get(1).welcome("main", "e1", 1_620).refetch(ROOMS[1], "resume", 4, 400, 1_630);
        users.get(2).welcome("main", "e1", 1_650).refetch(ROOMS[2], "history", 2, 220, 1_700);
        Map<String, Integer> seqs = new HashMap<>();
        Map<String, Message> late = new HashMap<>();
        Set<String> gapped = new java.util.HashSet<>();
        for (int i = 0; i < 300; i++) {
            String room = ROOMS[random.nextInt(ROOMS.length)];
            List<Client> in = members.get(room);
            Client sender = in.get(random.nextInt(in.size()));
            String id = "c" + i;
            double at = 1_000 + i * 7 + random.nextInt(5);
            sender.send(room, id, at, at + random.nextInt(2), at + 1);
            if (random.nextInt(15) == 0) {
                continue; // never committed: pending at its sender
            }
            Message m = run.commit(room, sender.id().replaceFirst("-.*", ""), id, at + 2);
            int seq = seqs.merge(room, 1, Integer::sum);
            sender.ackBySeq(id, m, at + 40);
            for (Client member : in) {
                if (member == sender) {
                    continue;
                }
                if (random.nextInt(20) == 0) {
                    gapped.add(member.id() + room); // never shown there: lost
                    continue;
                }
                double shown = at + 3 + random.nextInt(4); // before the room's next message: in order at the client
                if (random.nextInt(12) == 0 && late.get(member.id() + room) == null) {
                    late.put(member.id() + room, m); // shown after the next one: out of order
                    gapped.add(member.id() + room);
                    continue;
                }
                member.append(m, shown);
                Message held = late.remove(member.id() + room);
                if (held != null) {
                    member.append(held, shown + 1);
                }
                if (gapped.contains(member.id() + room)) {
                    continue; // a client marks only up to what it showed without a gap
                }
                member.marker(room, ReceiptKind.DELIVERED, seq, shown + 1);
                sender.receipt(room, member.id().replaceFirst("-.*", ""), ReceiptKind.DELIVERED, seq, shown + 2);
                if (random.nextBoolean()) {
                    member.read(room, seq, shown + 2).marker(room, ReceiptKind.READ, seq, shown + 3);
                    sender.receipt(room, member.id().replaceFirst("-.*", ""), ReceiptKind.READ, seq, shown + 5);
                }
            }
        }
        return run.build();
    }

    /** The run as a scenario folder: results.json by the checkers, the ledger streamed room by room. */
    private Path write(RunTrace trace) throws IOException {
        Path folder = dir.resolve("rooms");
        Files.createDirectories(folder);
        RoomSlices slices = RoomSlices.of(trace);
        try (LedgerWriter writer = LedgerWriter.open(folder.resolve("ledger/reconcile"),
                new LedgerFiles.Stamp("rooms", "reconcile", 1), slices.run(), null)) {
            for (String room : slices.rooms()) {
                writer.add(ReplayedRun.of(slices, room));
            }
            writer.finish();
        }
        String json = ResultsJson.toJson(ResultsDocument.of("rooms", 1, "sim", new Environment("none", "21", 2),
                new FaultSchedule(1, List.of()), List.of(StrategyResult.of(Measurement.of(trace), List.of(), List.of()))));
        Files.writeString(folder.resolve("results.json"), json.replaceAll("(\"clientId\" : \"\\w+)-1\"", "$1\""));
        return folder;
    }

    @Test
    void shouldAgreeWithTheCheckersOnAMultiRoomLedgerReadRoomByRoom() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            Path folder = write(run(seed));
            Path ledgerFolder = folder.resolve("ledger/reconcile");
            List<String> roomsInOrder = new ArrayList<>();
            try (LedgerRooms rooms = LedgerRooms.read(ledgerFolder)) {
                rooms.each(room -> roomsInOrder.add(room.room())); // would throw NotRoomByRoom if not room by room
            }
            assertThat(roomsInOrder).as("seed " + seed).containsExactlyInAnyOrder(ROOMS);

            Audit.Result result = Audit.of(dir);
            assertThat(result.differences()).as("seed " + seed).isEmpty();
            assertThat(result.unknownFigures()).as("seed " + seed).isEmpty();
            var strategy = JSON.readTree(folder.resolve("results.json").toFile()).path("strategies").get(0);
            assertThat(strategy.path("rooms")).hasSize(ROOMS.length);
            assertThat(strategy.path("correctness").path("lost").asLong()).as("seed " + seed).isPositive();
            assertThat(strategy.path("correctness").path("inversions").asLong()).as("seed " + seed).isPositive();
            assertThat(strategy.path("correctness").path("stuckPending").asLong()).as("seed " + seed).isPositive();
            deleteAll(folder);
        }
    }

    /** The same checks from the rows streamed room by room, split by room first, and held whole in memory. */
    @Test
    void shouldRecountTheSameFromTheStreamedTheSplitAndTheWholeLedger() throws Exception {
        Path folder = write(run(7)).resolve("ledger/reconcile");
        List<String> streamed = checks(folder, false);
        assertThat(checks(folder, true)).containsExactlyElementsOf(streamed);
        Ledger whole = LedgerFiles.read(folder);
        List<Check> inMemory = new ArrayList<>(FigureTable.checks(new Recount(whole)));
        for (String room : ROOMS) {
            inMemory.addAll(FigureTable.roomChecks(room, Recount.ofRoom(whole, room)));
        }
        assertThat(inMemory.stream().map(StreamedAuditTest::text).toList()).containsExactlyElementsOf(streamed);
    }

    /**
     * A room only refetched (u1's history reply of a room it never joined nor showed: no messages,
     * deliveries, transcripts, markers or receipts of it) is a room of the run as the checkers
     * measure it: its refetch counts in the outage's recovery figures, and results.json has no
     * entry of it in {@code rooms}, as it has no member. Read from the folder, streamed or split,
     * it is handed over with its refetches as when the ledger is held in memory, and the audit
     * agrees.
     */
    @Test
    void shouldHandARoomOnlyRefetchedOverFromTheFolderAsFromMemory() throws Exception {
        TraceFixture run = new TraceFixture("reconcile", 1_000);
        run.window("outage", 1_400, 1_600, "u1");
        Client u0 = run.client("u0").join("alpha", 0).welcome("main", "e1", 900);
        Client u1 = run.client("u1").join("alpha", 0).welcome("main", "e1", 900);
        u0.send("alpha", "c0", 1_000, 1_001, 1_002);
        Message m = run.commit("alpha", "u0", "c0", 1_010);
        u0.ackBySeq("c0", m, 1_020);
        u1.append(m, 1_015).welcome("main", "e1", 1_620).refetch("quiet", "history", 0, 90, 1_630);
        Path folder = write(run.build());
        var strategy = JSON.readTree(folder.resolve("results.json").toFile()).path("strategies").get(0);
        assertThat(strategy.path("rooms")).extracting(r -> r.path("room").asText()).containsExactly("alpha");
        assertThat(strategy.path("recovery").get(0).path("refetchedBytes").path("total").asLong()).isEqualTo(90);

        Path ledger = folder.resolve("ledger/reconcile");
        Ledger whole = LedgerFiles.read(ledger);
        Map<String, List<String>> inMemory = roomChecks(LedgerRooms.of(whole));
        assertThat(inMemory).containsOnlyKeys("alpha", "quiet");
        assertThat(inMemory.get("quiet"))
                .contains("rooms[quiet].recovery[outage/0].refetchedBytes.total"
                        + " [rooms[quiet].recovery[outage/0].refetchedBytes.total] 90 EXACT")
                .containsExactlyElementsOf(FigureTable.roomChecks("quiet", Recount.ofRoom(whole, "quiet")).stream()
                        .map(StreamedAuditTest::text).toList());
        for (boolean split : List.of(false, true)) {
            try (LedgerRooms read = LedgerRooms.read(ledger, split)) {
                Map<String, List<String>> handed = roomChecks(read);
                assertThat(handed.keySet()).as(split ? "split" : "streamed").isEqualTo(inMemory.keySet());
                assertThat(handed).as(split ? "split" : "streamed").isEqualTo(inMemory);
            }
        }
        Audit.Result result = Audit.of(dir);
        assertThat(result.differences()).isEmpty();
        assertThat(result.unknownFigures()).isEmpty();
    }

    /** Figures counted here from the rows with plain loops and a sort: the recount read room by room agrees. */
    @Test
    void shouldRecountFiguresAsCountedFromTheRowsHere() throws Exception {
        Path folder = write(run(11)).resolve("ledger/reconcile");
        Ledger whole = LedgerFiles.read(folder);
        Map<String, MessageRow> byKey = new HashMap<>();
        whole.messages().forEach(m -> byKey.put(m.key(), m));
        List<Long> peerFirst = new ArrayList<>();
        long never = 0;
        long moves = 0;
        Set<String> clients = new TreeSet<>();
        for (MessageRow m : whole.messages()) {
            moves += m.senderMoves();
            clients.add(m.sender());
        }
        for (DeliveryRow d : whole.deliveries()) {
            moves += d.moves();
            clients.add(d.recipient());
            MessageRow m = byKey.get(d.key());
            if (m.intendedUs() != null && m.intendedUs() >= 0) { // no restart, no bounded history: every row a sample
                if (d.firstShownUs() == null) {
                    never++;
                } else {
                    peerFirst.add((d.firstShownUs() - m.intendedUs()) * 1_000);
                }
            }
        }
        whole.transcripts().forEach(t -> clients.add(t.client()));
        peerFirst.sort(null);
        Map<String, Reading> recounted = new HashMap<>();
        try (LedgerRooms rooms = LedgerRooms.read(folder)) {
            FigureTable.checks(Recount.of(rooms, null)).forEach(c -> recounted.put(c.figure(), c.recounted()));
        }
        assertThat(never).isPositive();
        assertThat(recounted.get("correctness.moves")).isEqualTo(new Reading.Whole(moves));
        assertThat(recounted.get("correctness.clients")).isEqualTo(new Reading.Whole(clients.size()));
        assertThat(recounted.get("latency[peer-first/all].never")).isEqualTo(new Reading.Whole(never));
        assertThat(recounted.get("latency[peer-first/all].completedOnly.corrected.count"))
                .isEqualTo(new Reading.Whole(peerFirst.size()));
        assertThat(recounted.get("latency[peer-first/all].completedOnly.corrected.max"))
                .isEqualTo(new Reading.Whole(peerFirst.get(peerFirst.size() - 1)));
        int median = (int) Math.max(1, (500L * peerFirst.size() + 999) / 1_000) - 1;
        assertThat(recounted.get("latency[peer-first/all].completedOnly.corrected.p50"))
                .isEqualTo(new Reading.Whole(peerFirst.get(median)));
    }

    @Test
    void shouldReportFiguresAlteredInARoomAndOverall() throws Exception {
        Path folder = write(run(5));
        ObjectNode results = (ObjectNode) JSON.readTree(folder.resolve("results.json").toFile());
        ObjectNode strategy = (ObjectNode) results.path("strategies").get(0);
        ObjectNode beta = null;
        for (var room : strategy.path("rooms")) {
            if (room.path("room").asText().equals("beta")) {
                beta = (ObjectNode) room;
            }
        }
        long lost = beta.path("correctness").path("lost").asLong();
        ((ObjectNode) beta.path("correctness")).put("lost", lost + 1);
        ObjectNode peerFirst = null;
        for (var figures : strategy.path("latency")) {
            if (figures.path("metric").asText().equals("peer-first") && figures.path("phase").asText().equals("all")) {
                peerFirst = (ObjectNode) figures.path("completedOnly").path("corrected");
            }
        }
        long p99 = peerFirst.path("p99").asLong();
        assertThat(p99).isPositive();
        peerFirst.put("p99", p99 + 5_000_000);
        JSON.writeValue(folder.resolve("results.json").toFile(), results);

        Audit.Result result = Audit.of(dir);

        assertThat(result.differences()).extracting(Audit.Difference::figure, Audit.Difference::reported,
                        Audit.Difference::recounted)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("latency[peer-first/all].completedOnly.corrected.p99",
                                Long.toString(p99 + 5_000_000), result.differences().get(0).recounted()),
                        org.assertj.core.groups.Tuple.tuple("rooms[beta].correctness.lost", Long.toString(lost + 1),
                                Long.toString(lost)));
        assertThat(Long.parseLong(result.differences().get(0).recounted()))
                .isCloseTo(p99, org.assertj.core.data.Offset.offset(p99 / 1_000 + 1_000));
    }

    @Test
    void shouldRefuseMessagesThatComeBackToARoomWhenReadRoomByRoomAndSplitThem() throws Exception {
        Path folder = write(run(3)).resolve("ledger/reconcile");
        Ledger whole = LedgerFiles.read(folder);
        List<MessageRow> shuffled = new ArrayList<>(whole.messages());
        shuffled.add(shuffled.remove(0)); // the first room's first message after every other room's
        Path mixed = dir.resolve("mixed");
        LedgerFiles.write(mixed, new LedgerFiles.Stamp("rooms", "reconcile", 1), new Ledger(shuffled,
                whole.deliveries(), whole.transcripts(), whole.markers(), whole.receipts(), whole.faults(),
                whole.welcomes(), whole.refetches()));
        assertThatThrownBy(() -> checks(mixed, false)).isInstanceOf(LedgerRooms.NotRoomByRoom.class)
                .hasMessageContaining("messages.jsonl.gz").hasMessageContaining("room by room");
        assertThat(checks(mixed, true)).containsExactlyElementsOf(checks(folder, false));
    }

    /** The largest room's rows, held while it is recounted, are what must fit: a heap too small is refused up front. */
    @Test
    void shouldRefuseALedgerWhoseLargestRoomWouldNotFitTheHeapNamingItAndTheHeapItNeeds() throws Exception {
        Path folder = write(run(2)).resolve("ledger/reconcile");
        long compressed = 0;
        for (String table : List.of("messages", "deliveries", "markers", "receipts")) {
            compressed += Files.size(folder.resolve(table + ".jsonl.gz"));
        }
        long tooSmall = compressed * LedgerRooms.HEAP_PER_COMPRESSED_ROOM_BYTE / ROOMS.length / 4;
        Set<Path> before = spillFolders();
        assertThatThrownBy(() -> LedgerRooms.read(folder, false, tooSmall)).isInstanceOf(AuditInputException.class)
                .hasMessageContaining("recounted one room at a time").hasMessageContaining("its room ")
                .hasMessageContaining("B of heap while it is recounted").hasMessageContaining("LIVETALK_JAVA_OPTS=-Xmx");
        long enough = compressed * LedgerRooms.HEAP_PER_COMPRESSED_ROOM_BYTE * 2;
        try (LedgerRooms rooms = LedgerRooms.read(folder, false, enough)) {
            assertThat(rooms.transcripts()).isNotEmpty();
        }
        assertThat(spillFolders()).as("the spill folders removed, when refused as when closed").isSubsetOf(before);
    }

    /**
     * Split by room with fewer spill files open than it writes (five tables of four rooms): a file
     * closed to open another is appended to when written again, and the recount is the same.
     */
    @Test
    void shouldSplitTheSameWithAtMostTheBoundOfSpillFilesOpen() throws Exception {
        Path folder = write(run(13)).resolve("ledger/reconcile");
        List<String> streamed = checks(folder, false);
        try (LedgerRooms read = LedgerRooms.read(folder, true, Long.MAX_VALUE)) {
            assertThat(read.mostOpenSpillFiles()).as("under the default bound, every file open at once")
                    .isEqualTo(5 * ROOMS.length).isLessThanOrEqualTo(LedgerRooms.MAX_OPEN_SPILL_FILES);
        }
        for (int bound : List.of(1, 2, 3)) {
            try (LedgerRooms read = LedgerRooms.read(folder, true, Long.MAX_VALUE, bound)) {
                assertThat(read.mostOpenSpillFiles()).as("bound " + bound).isEqualTo(bound);
                assertThat(checks(read)).as("bound " + bound).containsExactlyElementsOf(streamed);
            }
        }
    }

    /** A spill folder left open (a JVM that exits mid-audit, on an error or a signal) is deleted when the JVM exits. */
    @Test
    void shouldDeleteASpillFolderLeftOpenWhenTheJvmExits() throws Exception {
        Path folder = write(run(6)).resolve("ledger/reconcile");
        Path output = dir.resolve("left-open.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LeftOpen.class.getName(), folder.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the JVM reading the ledger did not exit within 60 s: " + Files.readString(output));
        }
        String said = Files.readString(output);
        assertThat(child.exitValue()).as(said).isZero();
        assertThat(said).as("the spill folder, there before the JVM exits").contains("livetalk-audit-")
                .contains(" there");
        Path spill = Path.of(said.substring(0, said.indexOf(" there")).strip());
        assertThat(spill).as(said).doesNotExist();
    }

    /** Reads a ledger split by room, prints its spill folder, and exits without closing it. */
    static final class LeftOpen {
        public static void main(String[] args) throws IOException {
            Set<Path> before = spillFolders();
            LedgerRooms.read(Path.of(args[0]), true); // never closed
            Set<Path> made = new java.util.HashSet<>(spillFolders());
            made.removeAll(before);
            for (Path spill : made) {
                System.out.println(spill + (Files.isDirectory(spill) ? " there" : " gone"));
            }
        }
    }

    /** An empty or cut table: the audit names the file and what is wrong with it, and leaves no spill folder. */
    @Test
    void shouldNameAnEmptyOrCutTableAndWhatIsWrongWithIt() throws Exception {
        Path folder = write(run(4));
        for (String table : List.of("messages", "markers")) {
            Path file = folder.resolve("ledger/reconcile/" + table + ".jsonl.gz");
            byte[] whole = Files.readAllBytes(file);
            for (int length : List.of(0, 5, whole.length / 2)) {
                Files.write(file, java.util.Arrays.copyOf(whole, length));
                Set<Path> before = spillFolders();
                assertThatThrownBy(() -> Audit.of(dir)).as(table + " cut to " + length + " bytes")
                        .isInstanceOf(AuditInputException.class)
                        .hasMessageStartingWith("cannot read the ledger of reconcile: " + file + ": not a ledger table: ")
                        .hasMessageContaining(length < 10 ? "ends too early (empty or cut short)" : "end of")
                        .hasMessageNotContaining("null").hasMessageNotContaining("REDACTED");
                assertThat(spillFolders()).as(table + " cut to " + length + " bytes").isSubsetOf(before);
            }
            Files.write(file, whole);
        }
        Path messages = folder.resolve("ledger/reconcile/messages.jsonl.gz");
        byte[] whole = Files.readAllBytes(messages);
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(messages))) {
            out.write("{\"scenario\": tru\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> Audit.of(dir)).as("a row that is not JSON").isInstanceOf(AuditInputException.class)
                .hasMessageContaining(messages + ": not a ledger table: ").hasMessageContaining("(line 1, column")
                .hasMessageNotContaining("REDACTED");
        Files.write(messages, whole);
        assertThat(Audit.of(dir).differences()).isEmpty();
    }

    private static Set<Path> spillFolders() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("livetalk-audit-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    private static List<String> checks(Path ledger, boolean split) throws IOException {
        try (LedgerRooms read = LedgerRooms.read(ledger, split)) {
            return checks(read);
        }
    }

    private static List<String> checks(LedgerRooms read) throws IOException {
        List<Check> checks = new ArrayList<>();
        Map<String, List<Check>> rooms = new HashMap<>();
        checks.addAll(FigureTable.checks(Recount.of(read, (room, its) -> rooms.put(room,
                FigureTable.roomChecks(room, its)))));
        new LinkedHashSet<>(List.of(ROOMS)).forEach(room -> checks.addAll(rooms.get(room)));
        return checks.stream().map(StreamedAuditTest::text).toList();
    }

    /** Each room's checks, by room, as the recount hands the rooms over. */
    private static Map<String, List<String>> roomChecks(LedgerRooms read) throws IOException {
        Map<String, List<String>> rooms = new HashMap<>();
        Recount.of(read, (room, its) -> rooms.put(room,
                FigureTable.roomChecks(room, its).stream().map(StreamedAuditTest::text).toList()));
        return rooms;
    }

    private static String text(Check check) {
        return check.figure() + " " + check.paths() + " " + check.recounted() + " " + check.tolerance();
    }

    private static void deleteAll(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
