package io.captivewatch.desktop.login;

import io.captivewatch.core.url.WebUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.security.cert.CertificateExpiredException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NavigationPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1/login", "https://portal.example/x?y=1#z", "HTTP://H/", "https://h:8443/"})
    void webPagesAreAllowed(String url) {
        assertThat(NavigationPolicy.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", " JavaScript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>",
            "jar:file:///a.jar!/x.html", "ms-settings:network", "intent://x#Intent;end", "about:config", "ftp://h/x",
            "http:///nohost"})
    void everythingElseIsRefusedWithAReason(String url) {
        assertThat(NavigationPolicy.refusal(url)).get().asString().startsWith("Blocked a");
    }

    @Test
    void overlongWebUrlsAreRefused() {
        assertThat(NavigationPolicy.refusal("http://" + "a".repeat(5000) + ".example/")).isPresent();
    }

    @Test
    void theReasonNamesTheSchemeAndStaysShort() {
        assertThat(NavigationPolicy.refusal("file:///etc/passwd")).get().asString().contains("file:");
        assertThat(NavigationPolicy.shorten("data:" + "x".repeat(10_000))).hasSizeLessThanOrEqualTo(120);
        assertThat(NavigationPolicy.shorten("a\nb\u0000c")).isEqualTo("a b c");
    }

    @Test
    void schemeIsReadLikeABrowser() {
        assertThat(NavigationPolicy.scheme("JaVaScRiPt:x")).isEqualTo("javascript");
        assertThat(NavigationPolicy.scheme("/relative:path")).isNull();
        assertThat(NavigationPolicy.scheme("page.html")).isNull();
        assertThat(NavigationPolicy.scheme("1abc:x")).isNull();
    }

    @Test
    void downloadsAreAttachmentsOrUndisplayableTypes() {
        assertThat(NavigationPolicy.isDownload(Map.of("Content-Disposition", List.of("attachment; filename=a.pdf"),
                "Content-Type", List.of("text/html")))).isTrue();
        assertThat(NavigationPolicy.isDownload(Map.of("content-type", List.of("application/octet-stream")))).isTrue();
        assertThat(NavigationPolicy.isDownload(Map.of("Content-Type", List.of("application/pdf")))).isTrue();
        assertThat(NavigationPolicy.isDownload(Map.of("Content-Type", List.of("text/html; charset=utf-8")))).isFalse();
        assertThat(NavigationPolicy.isDownload(Map.of("Content-Type", List.of("image/png")))).isFalse();
        assertThat(NavigationPolicy.isDownload(Map.of("Content-Type", List.of("application/xhtml+xml")))).isFalse();
        assertThat(NavigationPolicy.isDownload(Map.of("Content-Disposition", List.of("inline")))).isFalse();
        assertThat(NavigationPolicy.isDownload(Map.of())).as("no Content-Type: treated as HTML").isFalse();
    }

    @Test
    void theBrowserLauncherOnlyTakesWebUrls() {
        assertThat(WebUrl.require(URI.create("https://h/x")).uri()).isEqualTo(URI.create("https://h/x"));
        for (String bad : List.of("file:///etc/passwd", "javascript:alert(1)", "mailto:a@b", "/relative", "smb://h/share")) {
            assertThatThrownBy(() -> BrowserLauncher.open(URI.create(bad))).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> BrowserLauncher.open((URI) null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dialogsComeOneAtATimeAndAtMostThreeInTenSeconds() {
        AtomicLong now = new AtomicLong(1_000);
        DialogGate gate = new DialogGate(now::get);
        assertThat(gate.tryOpen()).isTrue();
        assertThat(gate.tryOpen()).as("one is open").isFalse();
        gate.closed();
        assertThat(gate.tryOpen()).isTrue();
        gate.closed();
        now.addAndGet(1_000);
        assertThat(gate.tryOpen()).isTrue();
        gate.closed();
        assertThat(gate.tryOpen()).as("fourth within 10 s").isFalse();
        now.addAndGet(DialogGate.WINDOW_MS - 1_000);
        assertThat(gate.tryOpen()).as("the first has left the window").isTrue();
        assertThat(gate.suppressed()).isEqualTo(2);
    }

    @Test
    void certificateFailuresAreExplainedForPeople() {
        assertThat(CertificateCheck.describe(new SSLHandshakeException("PKIX path building failed: unable to find valid certification path")))
                .contains("not signed by an authority");
        SSLHandshakeException expired = new SSLHandshakeException("x");
        expired.initCause(new CertificateExpiredException("NotAfter: ..."));
        assertThat(CertificateCheck.describe(expired)).contains("expired");
        assertThat(CertificateCheck.describe(new SSLHandshakeException("No subject alternative names matching IP address 1.2.3.4 found")))
                .contains("different name");
        assertThat(PageGuards.isTlsFailure("SSL handshake failed")).isTrue();
        assertThat(PageGuards.isTlsFailure("Connection refused")).isFalse();
    }
}
