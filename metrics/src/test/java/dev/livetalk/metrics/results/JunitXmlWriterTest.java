package dev.livetalk.metrics.results;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JunitXmlWriterTest {

    @Test
    void shouldWriteOneCasePerBudgetAndInvariantExactlyAsTheGoldenFile() throws Exception {
        String xml = JunitXmlWriter.toXml(SampleResults.document());
        assertThat(xml).isEqualTo(SampleResults.golden("junit.golden.xml", xml));
    }

    @Test
    void shouldWriteWellFormedXmlWithAFailureForEachBrokenBudgetAndInvariant() throws Exception {
        String xml = JunitXmlWriter.toXml(SampleResults.document(), List.of(
                new RegressionVerdict("reconcile", "lost", 0, 2, false, "reconcile lost: 2 vs 0 <worse>")));
        Document dom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList suites = dom.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element flawed = (Element) suites.item(0);
        Element clean = (Element) suites.item(1);
        assertThat(flawed.getAttribute("name")).isEqualTo("outage.event-only");
        // 3 budgets + 7 invariants; event-only breaks lost, peer-final, converged budgets and
        // the lost, duplicates, inversions, converged invariants
        assertThat(flawed.getAttribute("tests")).isEqualTo("10");
        assertThat(flawed.getAttribute("failures")).isEqualTo("7");
        // 4 budgets + 7 invariants + 1 baseline, only the baseline fails
        assertThat(clean.getAttribute("tests")).isEqualTo("12");
        assertThat(clean.getAttribute("failures")).isEqualTo("1");
        assertThat(xml).contains("message=\"reconcile lost: 2 vs 0 &lt;worse&gt;\"");
    }
}
