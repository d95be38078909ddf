package io.captivewatch.core.url;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebUrlTest {
    private static final List<String> HOSTILE = List.of(
            "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd", "ftp://portal.test/", "mailto:a@b.test", "smb://portal.test/share",
            "http://user:secret@portal.test/", "https://10.0.0.1@evil.test/", "http://:pw@portal.test/",
            "/login", "//portal.test/login", "login.html", "", "   ", "http://", "https:///path",
            " \tjavascript:alert(1)", "java\tscript:alert(1)", "jav\nascript:alert(1)", "\u0000javascript:alert(1)",
            "https://portal.test/" + "a".repeat(SafeUrl.MAX_LENGTH));

    @Test
    void parseRefusesEveryNonWebUrl() {
        for (String raw : HOSTILE) assertThat(WebUrl.parse(raw)).as(raw).isEmpty();
        assertThat(WebUrl.parse(null)).isEmpty();
    }

    @Test
    void ofAndRequireRefuseTheSameUrisWithTheReason() {
        for (String raw : List.of("javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "/login",
                "http://user:secret@portal.test/", "https://portal.test/" + "a".repeat(SafeUrl.MAX_LENGTH))) {
            URI uri = URI.create(raw);
            assertThat(WebUrl.of(uri)).as(raw).isEmpty();
            assertThatThrownBy(() -> WebUrl.require(uri)).as(raw).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(SafeUrl.problem(uri).orElseThrow())
                    .hasMessageNotContaining("secret");
        }
        assertThat(WebUrl.of(null)).isEmpty();
        assertThatThrownBy(() -> WebUrl.require(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsHttpAndHttps() {
        WebUrl plain = WebUrl.parse("http://10.0.0.1/login?x=1").orElseThrow();
        assertThat(plain.uri()).isEqualTo(URI.create("http://10.0.0.1/login?x=1"));
        assertThat(plain).hasToString("http://10.0.0.1/login?x=1");
        assertThat(plain.isHttps()).isFalse();
        WebUrl secure = WebUrl.of(URI.create("https://portal.test:8443/a")).orElseThrow();
        assertThat(secure.isHttps()).isTrue();
        assertThat(WebUrl.require(URI.create("HTTPS://portal.test/")).uri()).isEqualTo(URI.create("HTTPS://portal.test/"));
        String longest = "https://portal.test/" + "a".repeat(SafeUrl.MAX_LENGTH - "https://portal.test/".length());
        assertThat(WebUrl.parse(longest)).isPresent();
    }

    @Test
    void parseRepairsWhatBrowsersRepairAsSafeUrlDoes() {
        assertThat(WebUrl.parse("  http://10.0.0.1/login \n")).map(WebUrl::uri).contains(URI.create("http://10.0.0.1/login"));
        assertThat(WebUrl.parse("http:\\\\10.0.0.1\\login")).map(WebUrl::uri).isEqualTo(SafeUrl.parse("http:\\\\10.0.0.1\\login"));
        assertThat(WebUrl.parse("HTTP://portal.test")).map(WebUrl::toString).contains("http://portal.test/");
    }

    @Test
    void equalWhenTheUrisAreEqual() {
        WebUrl a = WebUrl.parse("http://10.0.0.1/login").orElseThrow();
        WebUrl b = WebUrl.require(URI.create("http://10.0.0.1/login"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(WebUrl.require(URI.create("https://10.0.0.1/login")));
        assertThat(a).isNotEqualTo(URI.create("http://10.0.0.1/login"));
    }
}
