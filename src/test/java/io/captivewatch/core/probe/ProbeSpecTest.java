package io.captivewatch.core.probe;

import io.captivewatch.core.monitor.Monitor;
import io.captivewatch.core.settings.Settings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Probe URLs follow SafeUrl's rule, wherever they come from (command line, settings, code). */
class ProbeSpecTest {

    @Test
    void parseAcceptsHttpAndHttps() {
        assertThat(ProbeSpec.parse(" http://127.0.0.1:8080/generate_204 ").url()).isEqualTo(URI.create("http://127.0.0.1:8080/generate_204"));
        assertThat(ProbeSpec.parse("HTTPS://www.google.com/generate_204").isHttps()).isTrue();
        assertThat(ProbeSpec.parse("http://captive.apple.com/hotspot-detect.html").expectation())
                .isEqualTo(new Expectation(Expectation.Kind.EXACT_TRIMMED, 200, Expectation.APPLE_SUCCESS, java.util.Optional.empty()));
    }

    @Test
    void parseRefusesUserInfoWithoutRepeatingTheCredentials() {
        assertThatThrownBy(() -> ProbeSpec.parse("http://user:secret@127.0.0.1/generate_204"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user name or password")
                .hasMessageContaining("127.0.0.1/generate_204")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ProbeSpec.forUrl(URI.create("http://10.0.0.1@evil.test/generate_204")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user name or password");
    }

    @Test
    void parseRefusesOtherSchemesRelativeUrlsAndMissingHostsSayingWhy() {
        assertThatThrownBy(() -> ProbeSpec.parse("ftp://example.net/x")).hasMessageContaining("is not an http:// or https:// URL");
        assertThatThrownBy(() -> ProbeSpec.parse("javascript:alert(1)")).hasMessageContaining("is not an http:// or https:// URL");
        assertThatThrownBy(() -> ProbeSpec.parse("example.net/generate_204")).hasMessageContaining("not an absolute URL");
        assertThatThrownBy(() -> ProbeSpec.parse("http:///generate_204")).hasMessageContaining("has no host");
        assertThatThrownBy(() -> ProbeSpec.parse("")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> ProbeSpec.forUrl(URI.create("/generate_204"))).hasMessageContaining("not an absolute URL");
        assertThatThrownBy(() -> ProbeSpec.forUrl(null)).hasMessageContaining("is missing");
        assertThatThrownBy(() -> new ProbeSpec(URI.create("http://h.test:70000/"), Expectation.NO_CONTENT, "x"))
                .hasMessageContaining("port");
    }

    @Test
    void theMonitorSkipsProbeUrlsTheRuleRefuses() {
        Settings s = Settings.defaults().withProbes(List.of("http://user:pw@127.0.0.1:9/generate_204", "http://127.0.0.1:9/ok"));
        assertThat(Monitor.probesFor(s)).extracting(ProbeSpec::url).containsExactly(URI.create("http://127.0.0.1:9/ok"));
        Settings none = Settings.defaults().withProbes(List.of("http://user:pw@127.0.0.1:9/generate_204"));
        assertThat(Monitor.probesFor(none)).as("nothing usable: the built-in probes").isEqualTo(ProbeSpec.defaults());
    }

    /** Issue #15: a probe can say its genuine answer (NetworkManager's response=, Android's probe specs). */
    @Test
    void parseReadsTheGenuineAnswer() {
        ProbeSpec fedora = ProbeSpec.parse("http://fedoraproject.org/static/hotspot.txt  response=OK   label=Fedora%20hotspot");
        assertThat(fedora.url()).isEqualTo(URI.create("http://fedoraproject.org/static/hotspot.txt"));
        assertThat(fedora.expectation()).isEqualTo(Expectation.prefix(200, "OK"));
        assertThat(fedora.label()).isEqualTo("Fedora hotspot");
        assertThat(ProbeSpec.parse("http://h.test/x body=a%20b%0A status=203").expectation()).isEqualTo(Expectation.exact(203, "a b\n"));
        assertThat(ProbeSpec.parse("http://h.test/x status=204").expectation()).isEqualTo(Expectation.NO_CONTENT);
        assertThat(ProbeSpec.parse("http://h.test/generate_204 header=X-Ok:1").expectation())
                .isEqualTo(Expectation.NO_CONTENT.withHeader(new Headers.Field("X-Ok", "1")));
        assertThat(ProbeSpec.parse("http://h.test/x status=200").expectation().describe()).isEqualTo("200");
    }

    @Test
    void parseRefusesBadAnswersSayingWhy() {
        assertThatThrownBy(() -> ProbeSpec.parse("http://h.test/x status=99")).hasMessageContaining("status must be 100..599");
        assertThatThrownBy(() -> ProbeSpec.parse("http://h.test/x stauts=200")).hasMessageContaining("unknown key 'stauts'");
        assertThatThrownBy(() -> ProbeSpec.parse("http://h.test/x OK")).hasMessageContaining("is not key=value");
        assertThatThrownBy(() -> ProbeSpec.parse("http://h.test/x body=a prefix=b")).hasMessageContaining("one of body= or prefix=");
        assertThatThrownBy(() -> ProbeSpec.parse("http://h.test/x header=novalue")).hasMessageContaining("NAME:VALUE");
        assertThatThrownBy(() -> ProbeSpec.parse("http://h.test/x body=%G1")).hasMessageContaining("two hex digits");
        assertThatThrownBy(() -> ProbeSpec.parse("http://h.test/x body=" + "a".repeat(5000))).hasMessageContaining("longer than");
        assertThatThrownBy(() -> ProbeSpec.parse("http://u:secret@h.test/x body=OK")).hasMessageNotContaining("secret");
    }

    @Test
    void theMonitorUsesConfiguredAnswers() {
        Settings s = Settings.defaults().withProbes(List.of("http://127.0.0.1:9/hotspot.txt prefix=OK"));
        assertThat(Monitor.probesFor(s)).extracting(ProbeSpec::expectation).containsExactly(Expectation.prefix(200, "OK"));
    }
}
