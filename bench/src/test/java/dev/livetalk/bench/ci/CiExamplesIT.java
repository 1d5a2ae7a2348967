package dev.livetalk.bench.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the CI kit (examples/ci/): the GitHub Actions workflow with actionlint (which runs
 * shellcheck on every {@code run:} script and knows the inputs of the common actions) and the
 * github-workflows JSON schema, the GitLab CI file with the gitlab-ci JSON schema and its
 * scripts with shellcheck. Each check is shown to reject a broken fixture
 * (src/test/resources/ci/), so that none passes without looking. The linters are provisioned
 * into {@code .tools/} on first use ({@link CiTools}).
 */
class CiExamplesIT {
    @TempDir
    Path scripts;
    private static final Path GITHUB = Path.of("examples", "ci", "github-actions.yml");
    private static final Path GITLAB = Path.of("examples", "ci", "gitlab-ci.yml");

    @Test
    void githubWorkflowPassesActionlintWithShellcheck() {
        CiTools.Result result = actionlint(CiTools.projectRoot().resolve(GITHUB));

        assertThat(result.output()).as("actionlint output").isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void actionlintRejectsABrokenWorkflow() {
        CiTools.Result result = actionlint(fixture("broken-github-workflow.yml"));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output())
                .contains("unexpected key \"timeout-minute\" for \"job\" section")
                .contains(":11:") // the expression with a syntax error
                .contains("[expression]")
                .contains("SC2086")
                .contains("input \"paths\" is not defined in action \"actions/upload-artifact@v4\"");
    }

    @Test
    void githubWorkflowMatchesTheSchema() {
        CiTools.Result result = schema("vendor.github-workflows", CiTools.projectRoot().resolve(GITHUB));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void githubSchemaRejectsABrokenWorkflow() {
        CiTools.Result result = schema("vendor.github-workflows", fixture("broken-github-workflow.yml"));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("'timeout-minute' was unexpected");
    }

    @Test
    void gitlabFileMatchesTheSchema() {
        CiTools.Result result = schema("vendor.gitlab-ci", CiTools.projectRoot().resolve(GITLAB));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void gitlabSchemaRejectsABrokenFile() {
        CiTools.Result result = schema("vendor.gitlab-ci", fixture("broken-gitlab-ci.yml"));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output())
                .contains("'scripts' was unexpected")
                .contains("'sometimes' is not one of");
    }

    @Test
    void gitlabScriptsPassShellcheck() throws IOException {
        CiTools.Result result = shellcheckScripts(CiTools.projectRoot().resolve(GITLAB));

        assertThat(result.output()).as("shellcheck output").isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void shellcheckRejectsABrokenGitlabScript() throws IOException {
        CiTools.Result result = shellcheckScripts(fixture("broken-gitlab-ci.yml"));

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("SC2086");
    }

    /**
     * The baseline step as GitHub runs it ({@code bash -eo pipefail}) with a {@code gh} that cannot
     * list the base branch's runs (the pull request that adds the workflow, an API error): the
     * step goes on without a baseline rather than failing the job before the suite runs.
     */
    @Test
    void githubBaselineStepGoesOnWhenGhCannotListRuns() throws Exception {
        JsonNode steps = new ObjectMapper(new YAMLFactory())
                .readTree(CiTools.projectRoot().resolve(GITHUB).toFile()).path("jobs").path("livetalk").path("steps");
        String script = null;
        for (JsonNode step : steps) {
            if (step.path("name").asText().equals("Baseline from the base branch")) {
                script = step.path("run").asText();
            }
        }
        assertThat(script).as("the baseline step of " + GITHUB).isNotNull();
        Path bin = Files.createDirectories(scripts.resolve("bin"));
        Path gh = Files.writeString(bin.resolve("gh"),
                "#!/usr/bin/env bash\necho 'could not find any workflows named livetalk' >&2\nexit 1\n");
        assertThat(gh.toFile().setExecutable(true)).isTrue();
        Path step = Files.writeString(scripts.resolve("baseline.sh"), script);
        ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", step.toString())
                .directory(scripts.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        builder.environment().put("GITHUB_REPOSITORY", "owner/name");
        builder.environment().put("BASE", "main");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("running without one");
        assertThat(scripts.resolve("baseline")).doesNotExist();
    }

    private static CiTools.Result actionlint(Path workflow) {
        return CiTools.run(List.of(CiTools.actionlint().toString(), "-no-color",
                "-shellcheck=" + CiTools.shellcheck(), workflow.toString()));
    }

    private static CiTools.Result schema(String builtin, Path file) {
        return CiTools.run(List.of(CiTools.checkJsonschema().toString(), "--builtin-schema", builtin, file.toString()));
    }

    /**
     * GitLab runs a job's {@code before_script}, {@code script} and {@code after_script} lines as
     * one bash script each; they are written so, one file per job and part, and given to shellcheck.
     */
    private CiTools.Result shellcheckScripts(Path gitlabFile) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(gitlabFile.toFile());
        List<String> command = new ArrayList<>(List.of(CiTools.shellcheck().toString(), "--shell=bash", "--format=gcc"));
        for (var job : root.properties()) {
            for (String part : List.of("before_script", "script", "after_script")) {
                JsonNode lines = job.getValue().path(part);
                if (lines.isMissingNode()) {
                    continue;
                }
                StringBuilder script = new StringBuilder("#!/usr/bin/env bash\n");
                lines(lines, script);
                Path file = scripts.resolve(job.getKey() + "." + part + ".sh");
                Files.writeString(file, script, StandardCharsets.UTF_8);
                command.add(file.toString());
            }
        }
        assertThat(command).as("scripts found in " + gitlabFile).hasSizeGreaterThan(3);
        return CiTools.run(command);
    }

    private static void lines(JsonNode node, StringBuilder script) {
        if (node.isArray()) {
            node.forEach(element -> lines(element, script));
        } else {
            script.append(node.asText()).append('\n');
        }
    }

    private static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(CiExamplesIT.class.getResource("/ci/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
