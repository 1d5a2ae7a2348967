# shellcheck shell=sh
# The JVM options of the `livetalk` command line, in one place for the repository's ./livetalk
# launcher and the container image's `livetalk` (examples/sharding/image): sourced, then
# `livetalk_jvm_options "$@"` (the command's arguments) sets LIVETALK_JVM_OPTS. POSIX sh.
#
# The collector, unless LIVETALK_JAVA_OPTS says otherwise: ZGC for real sockets, since a harness
# that measures milliseconds must not add G1's pauses to its own scheduling lag (scale scenario,
# scheduling-lag p99 on 2 cores: G1 25 ms, ZGC 6-10 ms, ZGC with room to grow 5.5-5.8 ms: fewer
# concurrent cycles competing for the cores); the parallel collector when `--network sim` is
# given (and for `bench sim` and `bench soak`), where only throughput counts and ZGC's barriers and stalls on
# two cores made the 200-client simulation two to three times slower (simulator/README.md).
# ZGC's soft maximum heap of 1 GB (at most half the memory): ZGC otherwise lets the heap grow to
# its maximum before it collects, so a 200-client run held 6.2 GB resident and a 30-minute soak
# 12 GB though a few hundred MB were live; with it, 1.3 GB, and the heap still grows past it
# when what is live needs more. The scheduling lag did not suffer (scale scenario, 200 clients
# through Toxiproxy, 2 A/B pairs: p99 2.6 and 2.9 ms against 2.4 and 5.3 ms).
# For the simulator, a small young generation whose survivors go straight to the old one: what
# the clients and the server keep (transcripts, history) lives to the run's end, so each line is
# copied once (the trace itself goes to disk as it is recorded), and a small reused eden was
# cheaper to allocate into than a large one (bench sim, warm, codec on: 1.34-1.36 s of CPU and
# 1.74-1.81 s of wall, against 1.55-1.74 s and 1.90-2.21 s with the collector's own sizing;
# with a 4 GB eden and no collection at all, 2.35 s of CPU). And a heap of 2 MB pages, committed
# and touched at start: the simulation's lookups jump across hundreds of transcripts and miss
# the TLB with 4 KB pages, and a heap that grows while the run goes on makes each collection
# fault its new pages in (bench sim, warm, codec on, A/B pairs: CPU 1.07-1.18 s against
# 1.28-1.41 s, collectors 250-270 ms against 450-510 ms; 0.2 s more to start on 24 GB). The
# touched heap is 16% of the memory, at most 4 GB (bench sim's plays of the 200-client scenario
# had up to 1.4 GB in use after a collection; on a large machine 16% would take seconds to touch).
# A 1 GB young generation did not play the 1,000-client minute faster (9.8 s against 9.5 s).
# The simulator's maximum heap is 4 GB, or 16% of the memory when that is more, and at most half
# of it: the parallel collector grows the old generation to its maximum before it collects it in
# full, and with every survivor tenured at once the measurement's garbage fills it, so a run of an
# hour held 12.6 GB resident with half the memory (24 GB here) as its maximum, though what was live
# after a full collection stayed under 1.4 GB (the hour passed in a 2 GB heap, the 1,000-client
# minute with its ledger in 4 GB). A run that needs more stops measured (exit 4) and says so.
#
# The memory is the machine's, or the container's limit (cgroup v2 memory.max, v1
# memory.limit_in_bytes) when that is lower: in a container /proc/meminfo shows the host's.
livetalk_memory_kb() {
  mem_kb="$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo 2>/dev/null || true)"
  for limit_file in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
    if [ -r "$limit_file" ]; then
      limit="$(cat "$limit_file" 2>/dev/null || true)"
      case "$limit" in
        ''|max|*[!0-9]*) ;;
        *) limit_kb=$(( limit / 1024 ))
           if [ -z "$mem_kb" ] || [ "$limit_kb" -lt "$mem_kb" ]; then mem_kb="$limit_kb"; fi ;;
      esac
    fi
  done
  echo "${mem_kb:-}"
}

livetalk_jvm_options() {
  gc="-XX:+UseZGC -XX:InitialRAMPercentage=16 -XX:MaxRAMPercentage=50"
  mem_kb="$(livetalk_memory_kb)"
  if [ -n "$mem_kb" ] && [ "$mem_kb" -gt 0 ]; then
    soft_mb=$(( mem_kb / 2 / 1024 ))
    [ "$soft_mb" -le 1024 ] || soft_mb=1024
    gc="$gc -XX:SoftMaxHeapSize=${soft_mb}m"
    sixteenth_mb=$(( mem_kb * 16 / 100 / 1024 ))
    initial_mb=$sixteenth_mb
    [ "$initial_mb" -le 4096 ] || initial_mb=4096
    max_mb=4096
    [ "$sixteenth_mb" -le "$max_mb" ] || max_mb=$sixteenth_mb
    [ "$max_mb" -le $(( mem_kb / 2 / 1024 )) ] || max_mb=$(( mem_kb / 2 / 1024 ))
    sim_heap="-Xms${initial_mb}m -Xmx${max_mb}m"
  else
    sim_heap="-XX:InitialRAMPercentage=16 -XX:MaxRAMPercentage=50"
  fi
  sim_gc="-XX:+UseParallelGC $sim_heap -Xmn256m -XX:MaxTenuringThreshold=0"
  sim_gc="$sim_gc -XX:+UseTransparentHugePages -XX:+AlwaysPreTouch"
  if [ "${1-}" = "bench" ] && { [ "${2-}" = "sim" ] || [ "${2-}" = "soak" ]; }; then
    gc="$sim_gc"
  fi
  # The server exits when its heap runs out rather than limp on with threads dead (so a supervisor
  # restarts it); outside LIVETALK_JAVA_OPTS, which replaces only the collector's options.
  server_opts=
  if [ "${1-}" = "server" ]; then
    server_opts="-XX:+ExitOnOutOfMemoryError"
  fi
  # The simulator's settings also for `run` of scenario files that all say `network: sim` (such as
  # scenarios/scale/1000-clients.yaml), unless --network names another network.
  prev=
  network=
  files=0
  sim_files=0
  for arg in "$@"; do
    if [ "$prev" = "--network" ]; then
      network="$arg"
    fi
    case "$arg" in
      --network=*) network="${arg#--network=}" ;;
      *.yaml | *.yml)
        if [ "${1-}" = "run" ] && [ -f "$arg" ]; then
          files=$((files + 1))
          if grep -qE '^network:[[:space:]]*sim([[:space:]]|$)' "$arg"; then
            sim_files=$((sim_files + 1))
          fi
        fi ;;
    esac
    prev="$arg"
  done
  if [ "$network" = "sim" ] || { [ -z "$network" ] && [ "$files" -gt 0 ] && [ "$sim_files" -eq "$files" ]; }; then
    gc="$sim_gc"
  fi
  # shellcheck disable=SC2034  # read by the script that sourced this file
  LIVETALK_JVM_OPTS="${LIVETALK_JAVA_OPTS-$gc} $server_opts"
}
