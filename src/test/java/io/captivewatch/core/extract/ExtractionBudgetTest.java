package io.captivewatch.core.extract;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Classifier;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.probe.RecordedResponse;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #13 item 2: reading a hostile script for {@code location = name} used to compile a regex and rescan
 * the script for every assignment (a 220 KB page took 27 s). The work is counted in budget steps, so these
 * tests assert linearity without a clock.
 */
class ExtractionBudgetTest {
    static final URI PROBE = URI.create("http://connectivitycheck.gstatic.com/generate_204");

    /** A page with a script of {@code location = a1; location = a2; ...} (unknown variables) of about {@code bytes}. */
    static String slowScriptPage(int bytes) {
        StringBuilder sb = new StringBuilder("<html><body><script>\nvar loginUrl = \"http://10.0.0.1/login\";\n");
        for (int i = 1; sb.length() < bytes; i++) sb.append("location = a").append(i).append(";\n");
        return sb.append("window.location.href = loginUrl;\n</script></body></html>").toString();
    }

    static ProbeObservation page(String body) {
        RecordedResponse r = ExtractorTest.resp(PROBE, 200, body, "Content-Type", "text/html");
        return ProbeObservation.ofResponse(ProbeSpec.forUrl(PROBE), r);
    }

    @Test
    void aScriptOfManyVariableNavigationsIsReadInStepsLinearInItsSize() {
        for (int size : new int[] {55 * 1024, 220 * 1024}) {
            String body = slowScriptPage(size);
            ExtractionBudget budget = ExtractionBudget.standard();
            LoginLinkExtractor.ChainCandidates c = new LoginLinkExtractor().extractChain(page(body), budget);
            assertThat(budget.exhausted()).isFalse();
            assertThat(c.cutShort()).isFalse();
            // the one resolvable navigation is still found, after thousands of unresolvable ones
            assertThat(c.ranked()).extracting(lc -> lc.url().toString()).contains("http://10.0.0.1/login");
            assertThat(budget.steps()).as("steps for %d bytes", body.length()).isLessThan(12L * body.length());
        }
    }

    @Test
    void jsTargetsResolvesTheLastLiteralBeforeTheNavigation() {
        List<ScriptLinks.JsTarget> t = ScriptLinks.jsTargets(
                "var u = 'http://a/'; u = 'http://b/'; location = u; u = 'http://c/'; x.u = 'http://d/'; top.location.href = u;");
        assertThat(t).extracting(ScriptLinks.JsTarget::url).containsExactly("http://b/", "http://c/");
    }

    @Test
    void anExhaustedBudgetStopsExtractionAndTheVerdictSaysSo() {
        ExtractionBudget budget = ExtractionBudget.steps(300_000);
        Classification c = new Classifier().classify(List.of(page(slowScriptPage(220 * 1024))), Optional.empty(), budget);
        assertThat(budget.exhausted()).isTrue();
        assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
        assertThat(c.warnings()).anyMatch(w -> w.contains("took more than this check's budget"));
        // what was found before it ran out is still offered: the page itself at least
        assertThat(c.candidates()).isNotEmpty();
    }

    @Test
    void aPassedDeadlineStopsExtraction() {
        ExtractionBudget budget = ExtractionBudget.until(System.nanoTime() - 1);
        LoginLinkExtractor.ChainCandidates c = new LoginLinkExtractor().extractChain(page(slowScriptPage(220 * 1024)), budget);
        assertThat(c.cutShort()).isTrue();
        assertThat(budget.steps()).isLessThan(2L * 220 * 1024 + 8192);
    }

    @Test
    void anUnclosedWisprElementOverWhitespaceIsNotBacktrackedOver() {
        // the old regex backtracked quadratically over the whitespace of each unclosed <LoginURL>
        String body = ("<WISPAccessGatewayParam><LoginURL>" + " ".repeat(12000) + "x").repeat(20)
                + "<LoginURL>http://10.0.0.1/wispr</LoginURL>";
        assertThat(new LoginLinkExtractor().extract(ExtractorTest.resp(PROBE, 200, body, "Content-Type", "text/xml")))
                .extracting(lc -> lc.url().toString()).contains("http://10.0.0.1/wispr");
    }
}
