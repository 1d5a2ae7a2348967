package dev.livetalk.bench;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.livetalk.metrics.results.ResultsJson;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering of the modules, checked on their main classes: bench depends on every module,
 * so all of them are on its test class path. Each rule is one module's forbidden edges; a
 * failure names the rule, the wrong edge (class, member and line) and where the layering is
 * described: {@code docs/ARCHITECTURE.md}. Change that document and this test together.
 */
@AnalyzeClasses(packages = "dev.livetalk", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    private static final String DOC = " (allowed edges: docs/ARCHITECTURE.md)";

    @ArchTest
    static final ArchRule protocolDependsOnNothingOfOurs = noClasses()
            .that().resideInAPackage("dev.livetalk.protocol..")
            .should().dependOnClassesThat(ours().and(outside("dev.livetalk.protocol..")))
            .because("protocol is the wire vocabulary every module shares and depends on no other module" + DOC);

    @ArchTest
    static final ArchRule scenariosDependOnlyOnProtocol = noClasses()
            .that().resideInAPackage("dev.livetalk.scenarios..")
            .should().dependOnClassesThat(ours().and(outside("dev.livetalk.scenarios..", "dev.livetalk.protocol..")))
            .because("scenarios is the model of what to play and depends only on protocol among our modules" + DOC);

    @ArchTest
    static final ArchRule serverKnowsNoClientNorHarness = noClasses()
            .that().resideInAPackage("dev.livetalk.server..")
            .should().dependOnClassesThat(ours().and(outside("dev.livetalk.server..", "dev.livetalk.protocol..")))
            .because("the reference server depends only on protocol among our modules: it knows no client,"
                    + " scenario, backend, measurement or report" + DOC);

    @ArchTest
    static final ArchRule strategyApiDependsOnlyOnProtocol = noClasses()
            .that().resideInAnyPackage("dev.livetalk.client.strategy", "dev.livetalk.client.transcript..")
            .should().dependOnClassesThat(ours().and(outside("dev.livetalk.client.strategy",
                    "dev.livetalk.client.transcript..", "dev.livetalk.protocol..")))
            .because("strategy-api (artifact livetalk-strategy-api: the strategy SPI, Strategies, the transcript)"
                    + " is all a plugged-in strategy compiles against: it depends only on protocol among our modules,"
                    + " not on the client's session nor its built-in strategies" + DOC);

    @ArchTest
    static final ArchRule clientKnowsNoHarness = noClasses()
            .that().resideInAPackage("dev.livetalk.client..")
            .should().dependOnClassesThat(ours().and(outside("dev.livetalk.client..", "dev.livetalk.protocol..")))
            .because("the reference client is what a strategy author reads: it depends only on protocol among our"
                    + " modules (its tests start the reference server)" + DOC);

    @ArchTest
    static final ArchRule metricsKnowNoBackendNorReport = noClasses()
            .that().resideInAPackage("dev.livetalk.metrics..")
            .should().dependOnClassesThat(ours().and(outside("dev.livetalk.metrics..", "dev.livetalk.protocol..",
                    "dev.livetalk.scenarios..", "dev.livetalk.client..")))
            .because("metrics judge a trace, whichever backend recorded it: they depend on protocol, scenarios and"
                    + " the client's transcript only" + DOC);

    @ArchTest
    static final ArchRule auditRecountsFromTheLedgerAlone = noClasses()
            .that().resideInAPackage("dev.livetalk.metrics.audit..")
            .should().dependOnClassesThat(resideInAnyPackage("dev.livetalk.metrics.correctness..",
                    "dev.livetalk.metrics.latency..", "dev.livetalk.metrics.replay..", "dev.livetalk.metrics.trace..",
                    "dev.livetalk.metrics.gate..")
                    .or(resideInAPackage("dev.livetalk.metrics.results..")
                            .and(not(JavaClass.Predicates.equivalentTo(ResultsJson.class)))))
            .because("the audit is a second implementation of the figures: it reads the ledger's rows and"
                    + " results.json (through ResultsJson) and nothing of the checkers that computed them" + DOC);

    @ArchTest
    static final ArchRule reportsKnowNoBackend = noClasses()
            .that().resideInAPackage("dev.livetalk.reports..")
            .should().dependOnClassesThat(ours().and(outside("dev.livetalk.reports..", "dev.livetalk.protocol..",
                    "dev.livetalk.scenarios..", "dev.livetalk.metrics..")))
            .because("reports render results documents alone, never a live run: they depend on protocol,"
                    + " scenarios and metrics only" + DOC);

    @ArchTest
    static final ArchRule runIsNeutral = noClasses()
            .that().resideInAPackage("dev.livetalk.run..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.livetalk.network..", "dev.livetalk.simulator..",
                    "dev.livetalk.bench..", "dev.livetalk.reports..", "org.testcontainers..", "org.glassfish.tyrus..",
                    "dev.livetalk.client.tyrus..", "eu.rekawek.toxiproxy..")
            .because("run owns the plan, the simulated user and the one scenario runner over the backend seam;"
                    + " transport and time belong to a backend" + DOC);

    @ArchTest
    static final ArchRule simulatorIsABackendOnly = noClasses()
            .that().resideInAPackage("dev.livetalk.simulator..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.livetalk.network..",
                    "dev.livetalk.bench..", "dev.livetalk.reports..", "org.testcontainers..", "org.glassfish.tyrus..",
                    "dev.livetalk.client.tyrus..")
            .because("the simulator is one backend of run's seam and knows neither the other backend nor real"
                    + " transport" + DOC);

    @ArchTest
    static final ArchRule networkIsABackendOnly = noClasses()
            .that().resideInAPackage("dev.livetalk.network..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.livetalk.simulator..", "dev.livetalk.bench..",
                    "dev.livetalk.reports..")
            .because("network is the Toxiproxy backend of run's seam and knows neither the other backend nor"
                    + " the reports" + DOC);

    @ArchTest
    static final ArchRule junitExtensionIsALibraryOverTheRunner = noClasses()
            .that().resideInAPackage("dev.livetalk.junit..")
            .should().dependOnClassesThat(ours().and(outside("dev.livetalk.junit..", "dev.livetalk.protocol..",
                    "dev.livetalk.client.strategy..", "dev.livetalk.client.transcript..", "dev.livetalk.scenarios..",
                    "dev.livetalk.metrics..", "dev.livetalk.run..", "dev.livetalk.server..", "dev.livetalk.simulator..",
                    "dev.livetalk.network..", "dev.livetalk.reports..")))
            .because("the JUnit 5 extension plays scenarios by run's one runner on either backend and writes the"
                    + " report, for users' tests: it never reaches into the command line (bench)" + DOC);

    @ArchTest
    static final ArchRule nothingDependsOnTheJunitExtension = noClasses()
            .that().resideInAPackage("dev.livetalk..").and().resideOutsideOfPackage("dev.livetalk.junit..")
            .should().dependOnClassesThat().resideInAPackage("dev.livetalk.junit..")
            .because("the JUnit 5 extension is for users' tests; no module of the harness depends on it" + DOC);

    private static DescribedPredicate<JavaClass> ours() {
        return resideInAPackage("dev.livetalk..");
    }

    private static DescribedPredicate<JavaClass> outside(String... packages) {
        return not(resideInAnyPackage(packages));
    }
}
