package io.captivewatch.core.extract;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Classifier;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.probe.RawHttpResponseParser;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.url.SafeUrl;
import io.captivewatch.core.url.WebUrl;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Replays every recorded response of src/test/resources/corpus/ (see expected.tsv; regenerate with
 * src/test/corpus/make_corpus.py) through the raw parser, the classifier and the extractor, and checks
 * the verdict and the best login URL. All mismatches are reported together as one table.
 */
class CorpusTest {

    /** One manifest row. */
    record Row(String file, URI probe, String verdict, String loginUrl) {}

    static List<Row> manifest() throws IOException {
        List<Row> rows = new ArrayList<>();
        String tsv = new String(resource("expected.tsv"), StandardCharsets.UTF_8);
        for (String line : tsv.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (f.length != 4) throw new IllegalStateException("bad manifest line: " + line);
            rows.add(new Row(f[0], URI.create(f[1]), f[2], f[3]));
        }
        return rows;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) throw new IOException("missing corpus file " + name);
            return in.readNBytes(16 * 1024 * 1024);
        }
    }

    @Test
    void manifestCoversAtLeastFiftyResponses() throws IOException {
        List<Row> rows = manifest();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(50);
        Set<String> names = new HashSet<>();
        for (Row r : rows) {
            assertThat(names.add(r.file())).as("duplicate row " + r.file()).isTrue();
            assertThat(r.verdict()).isIn("online", "captive", "auth_required", "proxy_auth_required", "limited");
            assertThat(resource(r.file())).isNotEmpty();
        }
        assertThat(rows).filteredOn(r -> r.verdict().equals("online")).hasSizeGreaterThanOrEqualTo(6);
        assertThat(rows).filteredOn(r -> r.file().startsWith("hostile-")).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void everyRecordedResponseGetsItsVerdictAndLoginUrl() throws Exception {
        Classifier classifier = new Classifier();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Row row : manifest()) {
            String verdict;
            String login;
            try {
                RecordedResponse response = RawHttpResponseParser.parse(resource(row.file()), row.probe());
                ProbeObservation o = ProbeObservation.ofResponse(ProbeSpec.forUrl(row.probe()), response);
                Classification c = classifier.classify(List.of(o));
                verdict = c.verdict().jsonName();
                login = c.loginUrl().map(WebUrl::toString).orElse("-");
                for (LoginCandidate lc : c.candidates()) {
                    if (!SafeUrl.isAcceptable(lc.url().uri())) failures.add(row.file() + "\tunsafe candidate " + lc.url());
                }
            } catch (Exception e) {
                verdict = "EXCEPTION " + e;
                login = "";
            }
            checked++;
            if (!verdict.equals(row.verdict()) || !login.equals(row.loginUrl())) {
                failures.add(String.format("%-32s | %-20s | %-20s | %s | %s", row.file(), row.verdict(), verdict,
                        abbreviate(row.loginUrl()), abbreviate(login)));
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + checked + " corpus responses differ:\n"
                    + String.format("%-32s | %-20s | %-20s | %s | %s%n", "file", "expected verdict", "got verdict", "expected login", "got login")
                    + String.join("\n", failures));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 90 ? s.substring(0, 90) + "…" : s;
    }
}
