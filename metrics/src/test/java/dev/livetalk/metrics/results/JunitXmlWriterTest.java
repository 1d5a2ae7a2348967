package dev.livetalk.metrics.results;

import dev.livetalk.metrics.gate.RunStop;
import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.scenarios.budget.BudgetParser;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JunitXmlWriterTest {

    @Test
    void shouldWriteOneCasePerBudgetAndInvariantExactlyAsTheGoldenFile() throws Exception {
        String xml = JunitXmlWriter.toXml(SampleResults.document());
        assertThat(xml).isEqualTo(SampleResults.golden("junit.golden.xml", xml));
    }

    @Test
    void shouldNameTheRoomOfAFailedRoomBudgetInItsFailure() throws Exception {
        ResultsDocument document = SampleResults.document(List.of(BudgetParser.parse("lost == 0 in every room"),
                BudgetParser.parse("duplicates == 0 in lobby for reconcile")));
        String xml = JunitXmlWriter.toXml(document);
        validate(xml);
        assertThat(xml).contains("name=\"budget: lost == 0 in every room\">\n"
                        + "      <failure message=\"in lobby (worst of 1 room, 1 failed): lost = 1, budget == 0\"/>")
                .contains("name=\"budget: duplicates == 0 in lobby for reconcile\"/>");
        assertThat(document.strategy("event-only").budgets()).extracting(BudgetVerdict::room).containsExactly("lobby");
    }

    @Test
    void shouldWriteAPassingRunWithNoFailureThatValidatesAgainstTheJunitSchema() throws Exception {
        ResultsDocument passing = SampleResults.passingDocument();
        Verdict verdict = Verdict.of(passing, List.of());
        String xml = JunitXmlWriter.toXml("livetalk", verdict);

        assertThat(verdict.passed()).isTrue();
        validate(xml);
        Document dom = parse(xml);
        assertThat(dom.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(dom.getElementsByTagName("failure").getLength()).isZero();
        // the comparison strategy's broken invariants are reported, skipped with how to gate them
        Element eventOnly = (Element) dom.getElementsByTagName("testsuite").item(0);
        assertThat(eventOnly.getAttribute("skipped")).isEqualTo("4");
        assertThat(xml).contains("<skipped message=\"not gated: lost == 0 broken, observed 1; to gate it, add the "
                + "budget 'lost == 0 for event-only' to the scenario\"/>");
        assertThat(xml).isEqualTo(SampleResults.golden("junit-passing.golden.xml", xml));
    }

    @Test
    void shouldFailExactlyTheCasesTheVerdictCountsAsFailures() throws Exception {
        ResultsDocument document = SampleResults.document();
        List<RegressionVerdict> comparisons = List.of(
                new RegressionVerdict("reconcile", "lost", 0, 2, false, "reconcile lost: 2 vs 0 <worse>"),
                new RegressionVerdict("reconcile", "duplicates", 0, 0, true, "reconcile duplicates: 0 vs 0"));
        Verdict verdict = Verdict.of(document, comparisons);
        String xml = JunitXmlWriter.toXml("livetalk", verdict);
        validate(xml);
        Document dom = parse(xml);
        NodeList suites = dom.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element flawed = (Element) suites.item(0);
        Element clean = (Element) suites.item(1);
        assertThat(flawed.getAttribute("name")).isEqualTo("outage.event-only");
        // 3 budgets + 7 invariants: the lost, peer-final, converged budgets fail, 4 invariants are skipped
        assertThat(flawed.getAttribute("tests")).isEqualTo("10");
        assertThat(flawed.getAttribute("failures")).isEqualTo("3");
        assertThat(flawed.getAttribute("skipped")).isEqualTo("4");
        // 4 budgets + 7 invariants + 2 baseline comparisons, only the regression fails
        assertThat(clean.getAttribute("tests")).isEqualTo("13");
        assertThat(clean.getAttribute("failures")).isEqualTo("1");
        assertThat(dom.getDocumentElement().getAttribute("failures"))
                .isEqualTo(String.valueOf(verdict.failures().size())).isEqualTo("4");
        assertThat(xml).contains("message=\"reconcile lost: 2 vs 0 &lt;worse&gt;\"");
    }

    @Test
    void shouldAddAnErrorSayingWhyWhenTheRunStopped() throws Exception {
        Verdict verdict = Verdict.of(SampleResults.passingDocument(), List.of()).stopped(new RunStop(
                RunStop.Cause.SIGINT, "interrupted by SIGINT", "scenario flapping", List.of("outage")));
        String xml = JunitXmlWriter.toXml("livetalk", verdict);
        validate(xml);
        assertThat(parse(xml).getDocumentElement().getAttribute("errors")).isEqualTo("1");
        assertThat(xml).contains("<testsuite name=\"livetalk.run\" tests=\"1\" failures=\"0\" errors=\"1\"",
                "<error message=\"interrupted by SIGINT during scenario flapping; finished scenarios: outage\"/>");
    }

    @Test
    void shouldRejectXmlTheSchemaDoesNotAllow() {
        // the schema test can fail: a testsuite without its required failures count is refused
        assertThatThrownBy(() -> validate("<testsuites><testsuite name=\"x\" tests=\"1\" errors=\"0\"/></testsuites>"))
                .isInstanceOf(SAXException.class).hasMessageContaining("failures");
    }

    /** Validates against the Jenkins xUnit plugin's JUnit schema (source and licence in the file). */
    static void validate(String xml) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema = factory.newSchema(new StreamSource(
                JunitXmlWriterTest.class.getResource("junit-10.xsd").toExternalForm()));
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
