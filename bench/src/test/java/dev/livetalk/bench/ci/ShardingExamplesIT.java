package dev.livetalk.bench.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.livetalk.bench.cli.ShardedRuns;
import dev.livetalk.network.toxiproxy.ProjectRoot;
import dev.livetalk.network.toxiproxy.ToxiproxyLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Checks the sharding kit (examples/sharding/): the GitHub Actions workflow with actionlint and
 * the github-workflows schema, the Kubernetes manifests by strict decoding into the Kubernetes
 * API's Go types (k8s-check, bench/src/test/go/k8s-check), their scripts with shellcheck, the
 * image's Dockerfile with hadolint and against what the repository and its build hold. And the
 * point of the kit: the shard steps of both engines, run as N local processes with the
 * environment each engine sets, then their merge step, give the verdict, exit code and figures
 * of the same run unsharded ({@link #shardedRunsOnBothEnginesGiveTheWholeRunsVerdictAndFigures}).
 */
class ShardingExamplesIT {
    private static final Path DIR = Path.of("examples", "sharding");
    private static final Path WORKFLOW = DIR.resolve("github-actions.yml");
    private static final Path PVC = DIR.resolve("kubernetes").resolve("results-pvc.yaml");
    private static final Path SHARDS_JOB = DIR.resolve("kubernetes").resolve("shards-job.yaml");
    private static final Path MERGE_JOB = DIR.resolve("kubernetes").resolve("merge-job.yaml");
    private static final Path DOCKERFILE = DIR.resolve("image").resolve("Dockerfile");
    private static final Path IMAGE_LAUNCHER = DIR.resolve("image").resolve("livetalk");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One process: a shard, a merge or the whole run (each about 10 to 30 s on 2 busy cores). */
    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(4);
    /**
     * The run test's suite, played in the simulator: two library scenarios and the fixture whose
     * budget fails (exit 99), 6 units, so that each of 3 shards holds parts of two scenarios.
     */
    private static final List<String> LIBRARY_SCENARIOS = List.of("scenarios/baseline.yaml", "scenarios/outage.yaml");
    /** The sweep's seeds: with the one scenario's 2 strategies, 12 units, 4 in each of 3 shards. */
    private static final String SWEEP_SEEDS = "1..6";
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");

    @TempDir
    Path work;

    private static Path root() {
        return CiTools.projectRoot();
    }

    @Test
    void workflowPassesActionlintWithShellcheck() {
        CiTools.Result result = CiTools.run(List.of(CiTools.actionlint().toString(), "-no-color",
                "-shellcheck=" + CiTools.shellcheck(), root().resolve(WORKFLOW).toString()));

        assertThat(result.output()).as("actionlint output").isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void workflowMatchesTheSchema() {
        CiTools.Result result = CiTools.run(List.of(CiTools.checkJsonschema().toString(), "--builtin-schema",
                "vendor.github-workflows", root().resolve(WORKFLOW).toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void manifestsDecodeStrictlyIntoTheKubernetesTypes() {
        CiTools.Result result = CiTools.run(List.of(CiTools.k8sCheck().toString(), root().resolve(PVC).toString(),
                root().resolve(SHARDS_JOB).toString(), root().resolve(MERGE_JOB).toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("PersistentVolumeClaim livetalk-results", "Job livetalk-shards",
                "Job livetalk-merge");
    }

    @Test
    void k8sCheckRejectsAMisspeltFieldAndAValueOfTheWrongType() {
        CiTools.Result field = CiTools.run(List.of(CiTools.k8sCheck().toString(), fixture("ci/broken-k8s-job.yaml").toString()));
        CiTools.Result type = CiTools.run(List.of(CiTools.k8sCheck().toString(), fixture("ci/broken-k8s-pvc.yaml").toString()));

        assertThat(field.exitCode()).as(field.output()).isEqualTo(1);
        assertThat(field.output()).contains("unknown field \"completionsMode\"");
        assertThat(type.exitCode()).as(type.output()).isEqualTo(1);
        assertThat(type.output()).contains("cannot unmarshal string", "accessModes");
    }

    /** What the strict decoding cannot see: the Jobs, the claim and the shard count agree with each other. */
    @Test
    void theJobsShareTheClaimAndAgreeOnTheShardCount() throws IOException {
        JsonNode pvc = YAML.readTree(root().resolve(PVC).toFile());
        JsonNode shards = YAML.readTree(root().resolve(SHARDS_JOB).toFile());
        JsonNode merge = YAML.readTree(root().resolve(MERGE_JOB).toFile());

        assertThat(pvc.path("spec").path("accessModes").toString()).contains("ReadWriteMany");
        JsonNode spec = shards.path("spec");
        assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
        assertThat(spec.path("parallelism").asInt()).isEqualTo(spec.path("completions").asInt()).isPositive();
        assertThat(env(container(shards)).get("SHARDS")).as("SHARDS of " + SHARDS_JOB)
                .isEqualTo(spec.path("completions").asText());
        for (JsonNode job : List.of(shards, merge)) {
            JsonNode pod = job.path("spec").path("template").path("spec");
            assertThat(pod.path("volumes").get(0).path("persistentVolumeClaim").path("claimName").asText())
                    .isEqualTo(pvc.path("metadata").path("name").asText());
            assertThat(env(container(job)).get("RESULTS_DIR")).isEqualTo(mountPath(job));
            assertThat(container(job).path("image").asText()).isEqualTo(container(shards).path("image").asText());
        }
    }

    @Test
    void manifestScriptsAndTheImageLauncherPassShellcheck() throws IOException {
        List<String> command = new ArrayList<>(List.of(CiTools.shellcheck().toString(), "--shell=sh", "--format=gcc"));
        for (Path manifest : List.of(SHARDS_JOB, MERGE_JOB)) {
            JsonNode shell = container(YAML.readTree(root().resolve(manifest).toFile())).path("command");
            assertThat(shell.get(0).asText() + " " + shell.get(1).asText()).isEqualTo("sh -c");
            Path script = work.resolve(manifest.getFileName() + ".sh");
            Files.writeString(script, "#!/bin/sh\n" + shell.get(2).asText(), StandardCharsets.UTF_8);
            command.add(script.toString());
        }
        command.add(root().resolve(IMAGE_LAUNCHER).toString());
        command.add(root().resolve(".mvn/jvm-options.sh").toString()); // the JVM options the image launcher sources
        CiTools.Result result = CiTools.run(command);

        assertThat(result.output()).as("shellcheck output").isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void dockerfilePassesHadolint() {
        CiTools.Result result = CiTools.run(List.of(CiTools.hadolint().toString(), "--no-color",
                root().resolve(DOCKERFILE).toString()));

        assertThat(result.output()).as("hadolint output").isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void hadolintRejectsABrokenDockerfile() {
        CiTools.Result result = CiTools.run(List.of(CiTools.hadolint().toString(), "--no-color",
                fixture("ci/broken-Dockerfile").toString()));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("DL3006", "DL3003", "DL3020");
    }

    /**
     * The image cannot be built here (no Docker engine, no registry): what can be checked is that
     * every file it copies exists in the repository or its build output, that the image's
     * {@code livetalk} runs the jar from LIVETALK_HOME, and that Toxiproxy is the pinned version
     * where the harness looks for it.
     */
    @Test
    void dockerfileCopiesWhatTheRepositoryAndItsBuildHold() throws Exception {
        DockerfileImage dockerfile = DockerfileImage.parse(root().resolve(DOCKERFILE));
        DockerfileImage.Layout image = dockerfile.assemble(root(), work.resolve("image"));

        Path home = Path.of(image.env().get("LIVETALK_HOME"));
        assertThat(home.resolve("livetalk.jar")).isRegularFile();
        assertThat(home.resolve("scenarios/outage.yaml")).isRegularFile();
        assertThat(home.resolve("scenarios/scale/200-clients.yaml")).isRegularFile();
        assertThat(image.workdir()).isEqualTo(home);
        assertThat(image.entrypoint()).containsExactly("livetalk");
        assertThat(image.path("/usr/local/bin/livetalk")).isExecutable().hasSameTextualContentAs(root().resolve(IMAGE_LAUNCHER));
        // Toxiproxy: built in its own stage, where ToxiproxyLocator looks (<LIVETALK_HOME>/.tools/bin/server)
        assertThat(image.unreproduced()).singleElement().satisfies(copy -> {
            assertThat(copy.stage()).isEqualTo("toxiproxy");
            assertThat(image.path(copy.destination()))
                    .isEqualTo(ProjectRoot.toolsBin(home).resolve("server"));
        });
        assertThat(dockerfile.args).containsEntry("TOXIPROXY_VERSION", ToxiproxyLocator.VERSION);
        assertThat(dockerfile.stage("toxiproxy").all("RUN")).singleElement()
                .satisfies(run -> assertThat(dockerfile.expand(run.arguments()))
                        .contains("GOBIN=/out go install \"" + ToxiproxyLocator.GO_PACKAGE + "\""));
        Map<String, String> env = imageEnvironment(image);
        List<String> command = new ArrayList<>(image.entrypoint());
        command.set(0, onPath(command.getFirst(), env).toString());
        command.add("--help");
        CiTools.Result help = await(start(command, image.workdir(), env, "image-help"));
        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("run", "report");
    }

    /**
     * The kit's point: the shard step of the GitHub workflow (its {@code run:} script, with the
     * expressions put in as Actions does for a dispatched run) and the container of the Kubernetes
     * Indexed Job ({@code sh -c} with JOB_COMPLETION_INDEX 0..N-1, the volume a folder here, the
     * image laid out from its Dockerfile) each run as N concurrent processes over a small
     * simulator suite; then each engine's merge step. Both merges give what the same suite gives
     * unsharded: exit code 99 (one budget fails), the same junit.xml, the same summary and the
     * same figures per scenario.
     */
    @Test
    void shardedRunsOnBothEnginesGiveTheWholeRunsVerdictAndFigures() throws Exception {
        List<String> suite = new ArrayList<>(LIBRARY_SCENARIOS);
        suite.add(Files.copy(fixture("sharding/budget-fails.yaml"), work.resolve("budget-fails.yaml")).toString());

        Path whole = wholeRun(suite, "");
        Merged github = github(suite, "", 99);
        Merged kubernetes = kubernetes(suite, "", 99);

        assertSameRun(whole, github.merged(), github.shards());
        assertSameRun(whole, kubernetes.merged(), kubernetes.shards());
    }

    /**
     * The same for a seed sweep ({@code seeds} of the dispatch, {@code --seeds} in the Job's
     * args): both merges give the unsharded sweep's exit code (99: event-only fails its budget on
     * every seed) and its sweep.json.
     */
    @Test
    void shardedSweepsOnBothEnginesGiveTheWholeSweep() throws Exception {
        List<String> suite = List.of(Files.copy(fixture("sharding/budget-fails.yaml"), work.resolve("budget-fails.yaml")).toString());

        Path whole = wholeRun(suite, SWEEP_SEEDS);
        Merged github = github(suite, SWEEP_SEEDS, 99);
        Merged kubernetes = kubernetes(suite, SWEEP_SEEDS, 99);

        for (Merged merged : List.of(github, kubernetes)) {
            assertThat(merged.merged().resolve("sweep.json")).hasSameTextualContentAs(whole.resolve("sweep.json"));
        }
        assertThat(JSON.readTree(whole.resolve("sweep.json").toFile()).path("runs").asInt()).isEqualTo(12);
    }

    /**
     * A run that judges nothing of its scenario (its budget is for a strategy {@code --strategies}
     * leaves out) is NOT JUDGED, exit 5, and so is each shard: on both engines the shards finish
     * (a 5 is no harness failure: the GitHub step and the pod exit 0), and the merge and the
     * verdict step give the whole run's 5, its junit.xml and summary.md.
     */
    @Test
    void notJudgedShardsFinishAndTheMergeGivesTheWholeRunsNotJudged() throws Exception {
        List<String> suite = List.of(Files.copy(fixture("sharding/not-judged.yaml"), work.resolve("not-judged.yaml"))
                .toString(), "--strategies", "event-only,naive-retry,ordered");

        Path whole = wholeRun(suite, "", 5);
        Merged github = github(suite, "", 5);
        Merged kubernetes = kubernetes(suite, "", 5);

        assertThat(summary(whole)).startsWith("## LiveTalk Chaos Bench: NOT JUDGED");
        for (Merged merged : List.of(github, kubernetes)) {
            assertThat(merged.merged().resolve("junit.xml")).hasSameTextualContentAs(whole.resolve("junit.xml"));
            assertThat(summary(merged.merged())).as("summary.md of " + merged.merged()).isEqualTo(summary(whole));
        }
    }

    private Path wholeRun(List<String> suite, String seeds) throws IOException, InterruptedException {
        return wholeRun(suite, seeds, 99);
    }

    /**
     * The suite played unsharded (a sweep when {@code seeds} is not empty) by ./livetalk in a
     * checkout, which exits {@code code}: its report folder.
     */
    private Path wholeRun(List<String> suite, String seeds, int code) throws IOException, InterruptedException {
        Path whole = checkout("whole");
        List<String> command = new ArrayList<>(List.of("./livetalk", "run"));
        command.addAll(suite);
        command.addAll(List.of("--network", "sim", "--out", "report", "--quiet"));
        if (!seeds.isEmpty()) {
            command.addAll(List.of("--seeds", seeds));
        }
        CiTools.Result result = await(start(command, whole, baseEnvironment(), "whole"));
        assertThat(result.exitCode()).as(result.output()).isEqualTo(code);
        return whole.resolve("report");
    }

    /** A merge step's output folder and the shards' folders it merged. */
    private record Merged(Path merged, List<Path> shards) {
    }

    // --- GitHub Actions ---------------------------------------------------------------------

    /** Runs the workflow's shard and merge jobs as Actions would for a dispatch; returns the merged report's folder. */
    private Merged github(List<String> suite, String seeds, int wholeCode) throws Exception {
        JsonNode workflow = YAML.readTree(root().resolve(WORKFLOW).toFile());
        assertThat(workflow.path("defaults").path("run").path("shell").asText()).isEqualTo("bash");
        JsonNode shardJob = workflow.path("jobs").path("shard");
        JsonNode mergeJob = workflow.path("jobs").path("merge");
        List<String> shards = new ArrayList<>();
        shardJob.path("strategy").path("matrix").path("shard").forEach(k -> shards.add(k.asText()));
        assertThat(shards).as("the matrix of " + WORKFLOW).hasSizeGreaterThan(1);
        Map<String, String> dispatch = Map.of("inputs.scenarios", String.join(" ", suite), "inputs.network", "sim",
                "inputs.seeds", seeds);

        List<Running> running = new ArrayList<>();
        Map<String, Path> jobs = new LinkedHashMap<>();
        List<Path> downloaded = new ArrayList<>();
        for (String shard : shards) {
            Map<String, String> context = new HashMap<>(dispatch);
            context.put("matrix.shard", shard);
            context.put("strategy.job-total", String.valueOf(shards.size()));
            Path job = checkout("github-shard-" + shard); // each job on a runner of its own
            jobs.put(shard, job);
            running.add(startStep(step(shardJob, "Run the shard"), context, job, "github-shard-" + shard));
        }
        for (Running shard : running) {
            CiTools.Result result = await(shard);
            assertThat(result.exitCode()).as(shard.name() + ":\n" + result.output()).isZero();
        }

        // upload-artifact of each shard's folder, download-artifact of them all into the merge job
        Path merge = checkout("github-merge");
        JsonNode upload = step(shardJob, "Upload the shard").path("with");
        JsonNode download = step(mergeJob, "Download the shards").path("with");
        for (var entry : jobs.entrySet()) {
            Map<String, String> context = Map.of("matrix.shard", entry.getKey());
            String name = substitute(upload.path("name").asText(), context);
            assertThat(name).matches(glob(download.path("pattern").asText()));
            Path artifact = merge.resolve(download.path("path").asText()).resolve(name);
            copyTree(entry.getValue().resolve(substitute(upload.path("path").asText(), context)), artifact);
            downloaded.add(artifact);
        }

        CiTools.Result merged = await(startStep(step(mergeJob, "Merge the shards"), Map.of(), merge, "github-merge"));
        assertThat(merged.exitCode()).as(merged.output()).isZero();
        String code = outputs(merge).get("exit-code");
        assertThat(code).as("the merge step's exit-code output\n" + merged.output()).isEqualTo(String.valueOf(wholeCode));
        Path report = merge.resolve(step(mergeJob, "Upload the report").path("with").path("path").asText());

        CiTools.Result summary = await(startStep(step(mergeJob, "Job summary"), Map.of(), merge, "github-summary"));
        assertThat(summary.exitCode()).as(summary.output()).isZero();
        Path markdown = report.resolve(seeds.isEmpty() ? "summary.md" : "sweep.md");
        assertThat(merge.resolve("step-summary.md")).hasSameTextualContentAs(markdown);

        Map<String, String> verdictContext = Map.of("steps.merge.outputs.exit-code", code, "needs.shard.result", "success");
        CiTools.Result verdict = await(startStep(step(mergeJob, "Verdict"), verdictContext, merge, "github-verdict"));
        assertThat(verdict.exitCode()).as("the merge job's verdict\n" + verdict.output()).isEqualTo(wholeCode);
        return new Merged(report, downloaded);
    }

    /** A step's {@code run:} script as Actions runs it with {@code shell: bash}, its expressions and env put in. */
    private Running startStep(JsonNode step, Map<String, String> context, Path job, String name) throws IOException {
        Path script = Files.writeString(work.resolve(name + ".sh"), substitute(step.path("run").asText(), context));
        Map<String, String> env = baseEnvironment();
        step.path("env").properties().forEach(e -> env.put(e.getKey(), substitute(e.getValue().asText(), context)));
        env.put("GITHUB_OUTPUT", job.resolve("github-output.txt").toString());
        env.put("GITHUB_STEP_SUMMARY", job.resolve("step-summary.md").toString());
        return start(List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString()), job, env, name);
    }

    private static Map<String, String> outputs(Path job) throws IOException {
        Map<String, String> outputs = new HashMap<>();
        for (String line : Files.readAllLines(job.resolve("github-output.txt"))) {
            String[] pair = line.split("=", 2);
            outputs.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        return outputs;
    }

    /** {@code ${{ expr }}} replaced from {@code context}; an expression it has no value for fails the test. */
    private static String substitute(String text, Map<String, String> context) {
        Matcher matcher = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = context.get(matcher.group(1));
            if (value == null) {
                fail("no value for the expression ${{ " + matcher.group(1) + " }} in:\n" + text);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    private static JsonNode step(JsonNode job, String name) {
        for (JsonNode step : job.path("steps")) {
            if (step.path("name").asText().equals(name)) {
                return step;
            }
        }
        return fail("no step named '" + name + "' in " + WORKFLOW);
    }

    private static String glob(String pattern) {
        return Pattern.quote(pattern).replace("*", "\\E.*\\Q");
    }

    // --- Kubernetes -------------------------------------------------------------------------

    /**
     * Runs the Indexed Job's pods and then the merge Job's pod as local processes: the image laid
     * out from its Dockerfile (its {@code livetalk} first on PATH, its ENV, its WORKDIR), the
     * claim's mountPath a folder here, each pod with its JOB_COMPLETION_INDEX. The shard Job's
     * {@code args} (what to play) are the test's suite, as a user edits them.
     */
    private Merged kubernetes(List<String> suite, String seeds, int wholeCode) throws Exception {
        DockerfileImage.Layout image = DockerfileImage.parse(root().resolve(DOCKERFILE)).assemble(root(), work.resolve("image"));
        Path volume = Files.createDirectories(work.resolve("volume"));
        JsonNode shardsJob = YAML.readTree(root().resolve(SHARDS_JOB).toFile());
        JsonNode mergeJob = YAML.readTree(root().resolve(MERGE_JOB).toFile());
        int completions = shardsJob.path("spec").path("completions").asInt();

        List<Running> pods = new ArrayList<>();
        for (int index = 0; index < completions; index++) {
            Map<String, String> env = podEnvironment(image, shardsJob, volume);
            env.put("JOB_COMPLETION_INDEX", String.valueOf(index));
            List<String> command = new ArrayList<>();
            container(shardsJob).path("command").forEach(word -> command.add(word.asText()));
            command.addAll(suite);
            command.addAll(List.of("--network", "sim"));
            if (!seeds.isEmpty()) {
                command.addAll(List.of("--seeds", seeds));
            }
            pods.add(start(command, image.workdir(), env, "k8s-shard-" + index));
        }
        for (Running pod : pods) {
            CiTools.Result result = await(pod);
            assertThat(result.exitCode()).as(pod.name() + ":\n" + result.output()).isZero();
        }
        List<Path> shards;
        try (Stream<Path> folders = Files.list(volume)) {
            shards = folders.sorted().toList();
        }
        assertThat(shards).map(f -> f.getFileName().toString()).containsExactlyElementsOf(
                Stream.iterate(0, i -> i < completions, i -> i + 1).map(i -> "shard-" + i).toList());

        List<String> command = new ArrayList<>();
        container(mergeJob).path("command").forEach(word -> command.add(word.asText()));
        container(mergeJob).path("args").forEach(word -> command.add(word.asText()));
        CiTools.Result merged = await(start(command, image.workdir(), podEnvironment(image, mergeJob, volume), "k8s-merge"));
        assertThat(merged.exitCode()).as("the merge pod's exit code\n" + merged.output()).isEqualTo(wholeCode);
        return new Merged(volume.resolve("merged"), shards);
    }

    /** The image's environment, then the container's, its volume's mountPath moved to {@code volume}. */
    private static Map<String, String> podEnvironment(DockerfileImage.Layout image, JsonNode job, Path volume) {
        Map<String, String> env = imageEnvironment(image);
        String mountPath = mountPath(job);
        env(container(job)).forEach((name, value) -> env.put(name,
                value.equals(mountPath) || value.startsWith(mountPath + "/") ? volume + value.substring(mountPath.length()) : value));
        return env;
    }

    /** The image's ENV; PATH: its /usr/local/bin, then the JDK running this test (the base image's Java). */
    private static Map<String, String> imageEnvironment(DockerfileImage.Layout image) {
        Map<String, String> env = baseEnvironment();
        env.remove("LIVETALK_HOME");
        env.putAll(image.env());
        env.put("PATH", image.path("/usr/local/bin") + File.pathSeparator + Path.of(System.getProperty("java.home"), "bin")
                + File.pathSeparator + System.getenv("PATH"));
        return env;
    }

    /** The file a command name runs, looked up on the PATH of {@code env} (a process's own PATH is not searched). */
    private static Path onPath(String command, Map<String, String> env) {
        for (String dir : env.get("PATH").split(File.pathSeparator)) {
            Path file = Path.of(dir, command);
            if (Files.isExecutable(file)) {
                return file;
            }
        }
        return fail(command + " is not on the PATH " + env.get("PATH"));
    }

    private static JsonNode container(JsonNode job) {
        return job.path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static String mountPath(JsonNode job) {
        return container(job).path("volumeMounts").get(0).path("mountPath").asText();
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }

    // --- the comparison ---------------------------------------------------------------------

    /**
     * A merge gives the whole run: its junit.xml and its summary.md up to the environment
     * section (when and where it ran) equal the whole run's, and the shards' results.json hold
     * between them the whole run's figures, each strategy run once.
     */
    private static void assertSameRun(Path whole, Path merged, List<Path> shards) throws IOException {
        assertThat(merged.resolve("index.html")).isNotEmptyFile();
        assertThat(merged.resolve("junit.xml")).hasSameTextualContentAs(whole.resolve("junit.xml"));
        assertThat(summary(merged)).as("summary.md of " + merged).isEqualTo(summary(whole));
        assertThat(summary(whole)).startsWith("## LiveTalk Chaos Bench: FAIL");
        Map<String, JsonNode> wholeFigures = ShardedRuns.figures(List.of(whole));
        assertThat(wholeFigures).containsKeys("baseline/reconcile", "outage/event-only", "budget-fails/event-only");
        assertThat(ShardedRuns.figures(shards)).as("the figures of " + shards).isEqualTo(wholeFigures);
    }

    private static String summary(Path report) throws IOException {
        String text = Files.readString(report.resolve("summary.md"), StandardCharsets.UTF_8);
        int environment = text.indexOf("### Environment");
        return environment < 0 ? text : text.substring(0, environment);
    }

    // --- processes --------------------------------------------------------------------------

    private record Running(String name, Process process, Path log) {
    }

    /**
     * A folder standing for a checkout of this repository on a runner: {@code ./livetalk} runs
     * the project's launcher (on the jar this build made), {@code scenarios/} is the project's.
     */
    private Path checkout(String name) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Path launcher = Files.writeString(dir.resolve("livetalk"),
                "#!/usr/bin/env bash\nexec bash '" + root().resolve("livetalk") + "' \"$@\"\n");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        Files.createSymbolicLink(dir.resolve("scenarios"), root().resolve("scenarios"));
        return dir;
    }

    /** This process's environment for the harness: the JDK running the test, a small heap (several JVMs share 2 cores). */
    private static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("LIVETALK_PLUGINS");
        env.remove("GITHUB_OUTPUT");
        env.remove("GITHUB_STEP_SUMMARY");
        env.put("LIVETALK_JAVA_HOME", System.getProperty("java.home"));
        env.put("LIVETALK_JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC"); // not what is tested
        return env;
    }

    private Running start(List<String> command, Path dir, Map<String, String> env, String name) throws IOException {
        Path log = work.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return new Running(name, builder.start(), log);
    }

    private static CiTools.Result await(Running running) throws IOException, InterruptedException {
        if (!running.process().waitFor(PROCESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            running.process().descendants().forEach(ProcessHandle::destroyForcibly);
            running.process().destroyForcibly();
            fail(running.name() + " did not end within " + PROCESS_TIMEOUT.toMinutes() + " minutes:\n"
                    + Files.readString(running.log(), StandardCharsets.UTF_8));
        }
        return new CiTools.Result(running.process().exitValue(), Files.readString(running.log(), StandardCharsets.UTF_8));
    }

    private static void copyTree(Path source, Path target) throws IOException {
        assertThat(source).as("the folder the upload step names").isDirectory();
        try (Stream<Path> tree = Files.walk(source)) {
            tree.forEach(path -> {
                try {
                    Path to = target.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(ShardingExamplesIT.class.getResource("/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
