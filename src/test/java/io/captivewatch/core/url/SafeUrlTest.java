package io.captivewatch.core.url;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** SafeUrl's one rule, with the reason it gives when it refuses (what probe and settings messages show). */
class SafeUrlTest {

    @Test
    void whatwgIpv4Parser() {
        Object[][] table = {
                {"127.0.0.1", 0x7f000001L}, {"2130706433", 0x7f000001L}, {"0x7f.1", 0x7f000001L},
                {"0177.0.0.1", 0x7f000001L}, {"127.1", 0x7f000001L}, {"0x7F.0.0.1", 0x7f000001L},
                {"00000000000000000177.0.0.1", 0x7f000001L}, {"127.0.0.1.", 0x7f000001L}, {"0x", 0L},
                {"0", 0L}, {"0.0.0.0", 0L}, {"10.0.0.1", 0x0a000001L}, {"4294967295", 0xffffffffL},
                {"4294967296", -1L}, {"256.0.0.1", -1L}, {"1.2.3.4.5", -1L}, {"1.2.65536", -1L}, {"1.2.65535", 0x0102ffffL},
                {"08.0.0.1", -1L}, {"0x1g", -1L}, {"portal.test", -1L}, {"", -1L}, {"1..2", -1L}, {"localhost", -1L},
        };
        for (Object[] row : table) {
            assertThat(HostAddress.ipv4((String) row[0])).as("%s", row[0]).isEqualTo((long) row[1]);
        }
    }

    @Test
    void hostsOnThisComputer() {
        for (String local : new String[]{"localhost", "LOCALHOST.", "cups.localhost", "127.0.0.1", "127.255.0.9",
                "2130706433", "0x7f.1", "0177.0.0.1", "0.0.0.0", "0", "[::1]", "::1", "[::]", "[::ffff:127.0.0.1]",
                "[::ffff:7f00:1]", "[0:0:0:0:0:0:0:1]", "[::1%25lo]"}) {
            assertThat(SafeUrl.isThisComputer(local)).as(local).isTrue();
        }
        for (String remote : new String[]{"10.0.0.1", "172.16.0.1", "192.168.1.1", "100.64.0.1", "169.254.1.1",
                "[fe80::1]", "[fe80::1%25eth0]", "portal.test", "localhost.example", "mylocalhost", "128.0.0.1",
                "[::ffff:10.0.0.1]", "[2001:db8::1]", "1.2.3.4.5", "", null}) {
            assertThat(SafeUrl.isThisComputer(remote)).as(String.valueOf(remote)).isFalse();
        }
    }

    @Test
    void aTargetOnThisComputerIsRefusedUnlessTheOriginIsThere() {
        URI remote = URI.create("http://connectivitycheck.gstatic.com/generate_204");
        URI loopbackProbe = URI.create("http://127.0.0.1:8080/generate_204");
        for (String raw : new String[]{"http://localhost:631/", "http://127.0.0.1/", "http://[::1]/login", "http://0x7f.1/",
                "http://2130706433/", "http://0177.0.0.1/", "http://0.0.0.0:8080/", "http://[::]/", "http://[::ffff:127.0.0.1]/",
                "http://printer.localhost/", "https://127.1/"}) {
            URI target = SafeUrl.parse(raw).orElse(null);
            if (target == null) continue; // refused outright (java.net.URI cannot read the host): never offered either
            assertThat(SafeUrl.problemFrom(remote, target)).as(raw).contains(SafeUrl.THIS_COMPUTER);
            assertThat(SafeUrl.problemFrom(null, target)).as(raw).contains(SafeUrl.THIS_COMPUTER);
            assertThat(SafeUrl.problemFrom(loopbackProbe, target)).as(raw + " from a probe on this computer").isEmpty();
        }
        for (String raw : new String[]{"http://10.0.0.1/login", "http://172.16.5.5/", "http://192.168.1.1/",
                "http://100.64.0.1/", "http://169.254.1.1/", "http://[fe80::1]/", "http://portal.test/"}) {
            assertThat(SafeUrl.problemFrom(remote, SafeUrl.parse(raw).orElseThrow())).as(raw).isEmpty();
        }
        assertThat(SafeUrl.problemFrom(remote, URI.create("javascript:alert(1)"))).contains(SafeUrl.problem(URI.create("javascript:alert(1)")).get());
    }

    @Test
    void javaNetUriHostsOfNumericForms() {
        // what the checks above see: java.net.URI keeps these forms as the host (or reads no host at all)
        assertThat(URI.create("http://2130706433/").getHost()).isEqualTo("2130706433");
        assertThat(URI.create("http://0177.0.0.1/").getHost()).isEqualTo("0177.0.0.1");
    }

    @Test
    void acceptsAbsoluteHttpAndHttpsWithAHost() {
        for (String ok : new String[]{"http://connectivitycheck.gstatic.com/generate_204", "https://www.google.com/generate_204",
                "HTTP://127.0.0.1:8080/x?y=1", "http://[::1]:8080/", "http://portal.test"}) {
            assertThat(SafeUrl.problem(ok)).as(ok).isEmpty();
            assertThat(SafeUrl.parse(ok)).as(ok).isPresent();
            assertThat(SafeUrl.problem(SafeUrl.parse(ok).get())).as(ok).isEmpty();
        }
    }

    @Test
    void refusesUserInfoAndSaysSo() {
        for (String bad : new String[]{"http://user:secret@10.0.0.1/login", "http://10.0.0.1@evil.test/", "https://user@h.test/"}) {
            assertThat(SafeUrl.parse(bad)).as(bad).isEmpty();
            assertThat(SafeUrl.problem(bad)).as(bad).hasValueSatisfying(p -> assertThat(p).contains("user name or password"));
            assertThat(SafeUrl.isAcceptable(URI.create(bad))).as(bad).isFalse();
            assertThat(SafeUrl.problem(URI.create(bad))).as(bad).hasValueSatisfying(p -> assertThat(p).contains("user name or password"));
        }
    }

    @Test
    void refusesOtherSchemesRelativeUrlsAndMissingHosts() {
        assertThat(SafeUrl.problem("ftp://x.test/y")).contains("is not an http:// or https:// URL");
        assertThat(SafeUrl.problem("javascript:alert(1)")).contains("is not an http:// or https:// URL");
        assertThat(SafeUrl.problem("file:///etc/passwd")).contains("is not an http:// or https:// URL");
        assertThat(SafeUrl.problem("example.com/generate_204")).hasValueSatisfying(p -> assertThat(p).contains("not an absolute URL"));
        assertThat(SafeUrl.problem("//example.com/generate_204")).hasValueSatisfying(p -> assertThat(p).contains("not an absolute URL"));
        assertThat(SafeUrl.problem("http:///generate_204")).contains("has no host");
        assertThat(SafeUrl.problem("http:generate_204")).contains("has no host");
        assertThat(SafeUrl.problem("http://")).isPresent();
        assertThat(SafeUrl.problem("")).contains("is empty");
        assertThat(SafeUrl.problem((String) null)).contains("is empty");
        assertThat(SafeUrl.problem("http://h.test:99999/")).hasValueSatisfying(p -> assertThat(p).contains("port"));
        assertThat(SafeUrl.problem("http://h.test/" + "a".repeat(SafeUrl.MAX_LENGTH))).hasValueSatisfying(p -> assertThat(p).contains("longer"));
        assertThat(SafeUrl.problem((URI) null)).contains("is missing");
        assertThat(SafeUrl.problem(URI.create("/relative"))).hasValueSatisfying(p -> assertThat(p).contains("not an absolute URL"));
        assertThat(SafeUrl.problem(URI.create("mailto:a@b.test"))).contains("is not an http:// or https:// URL");
    }

    @Test
    void theReasonAndTheRuleAgree() {
        for (String s : new String[]{"http://a.test/", "http://u@a.test/", "ftp://a.test/", "http:///x", "x", "", "http://a b.test/",
                "http://a.test/ space", "https://a.test:0/", "http://[::1/", "\thttp://a.test/\n"}) {
            assertThat(SafeUrl.problem(s).isEmpty()).as(s).isEqualTo(SafeUrl.parse(s).isPresent());
        }
        for (URI u : new URI[]{URI.create("http://a.test/"), URI.create("http://u:p@a.test/"), URI.create("https:x"),
                URI.create("http://a.test:70000/")}) {
            assertThat(SafeUrl.problem(u).isEmpty()).as(u.toString()).isEqualTo(SafeUrl.isAcceptable(u));
        }
    }

    @Test
    void redactHidesCredentialsOnly() {
        assertThat(SafeUrl.redact("http://user:secret@10.0.0.1/login?a=b@c")).isEqualTo("http://…@10.0.0.1/login?a=b@c");
        assertThat(SafeUrl.redact("http://a@b@h.test")).isEqualTo("http://…@h.test");
        assertThat(SafeUrl.redact("http://h.test/path@x")).isEqualTo("http://h.test/path@x");
        assertThat(SafeUrl.redact("mailto:a@b.test")).isEqualTo("mailto:a@b.test");
        assertThat(SafeUrl.redact(null)).isEqualTo("null");
        // every URL in a text, backslashes and missing slashes as browsers read them, tabs/newlines browsers drop
        assertThat(SafeUrl.redact("from http://a:p1@h.test/ to <https://b:p2@i.test>; rel=x"))
                .isEqualTo("from http://…@h.test/ to <https://…@i.test>; rel=x");
        assertThat(SafeUrl.redact("http:\\\\u:p3@h.test\\x")).isEqualTo("http:\\\\…@h.test\\x");
        assertThat(SafeUrl.redact("http:u:p4@h.test")).isEqualTo("http:…@h.test");
        assertThat(SafeUrl.redact("HTTP://u:p\t5@h.test")).isEqualTo("HTTP://…@h.test");
        assertThat(SafeUrl.redact("ftp://u:p6@h.test/")).isEqualTo("ftp://…@h.test/");
        assertThat(SafeUrl.redact("mail me at a@b.test")).isEqualTo("mail me at a@b.test");
    }

    @Test
    void shownRedactsAndBoundsOneWay() {
        assertThat(SafeUrl.shown("  http://user:secret@10.0.0.1/x  ")).isEqualTo("http://…@10.0.0.1/x");
        String longUrl = "http://h.test/" + "a".repeat(500);
        assertThat(SafeUrl.shown(longUrl)).hasSize(SafeUrl.SHOWN_MAX + 1).endsWith("…");
        assertThat(SafeUrl.shown(null)).isEmpty();
    }

    /**
     * The one scheme reading (issue #14): the cases where the old copies disagreed. The sign-in window's
     * NavigationPolicy trimmed but kept tabs inside and took any Unicode letter or digit; the classifier's
     * evidence text took no leading space; SafeUrl itself stripped as browsers do. Now all ask here.
     */
    @Test
    void oneSchemeReadingForEveryCaller() {
        String[][] table = {
                // input, scheme (null: none), http(s)?
                {"http://a/", "http", "true"},
                {"HTTP://a/", "http", "true"},
                {"HtTpS://a/", "https", "true"},
                {"  http://a/", "http", "true"},             // evidence text used to find no scheme
                {"\u0000\u001fhttps://a/", "https", "true"},   // leading C0 controls, as browsers strip
                {"ja\tvascript:alert(1)", "javascript", "false"}, // login window used to say "without a scheme"
                {"java\nscript:x", "javascript", "false"},
                {"JAVASCRIPT:x", "javascript", "false"},
                {"\uff48ttp://a/", null, "false"},             // fullwidth h: the login window took it as a letter
                {"\u00e9:x", null, "false"},                   // non-ASCII letter
                {"h\u0663tp:x", null, "false"},                // Arabic-Indic digit: the login window took it
                {"1http://a/", null, "false"},
                {"a b:c", null, "false"},
                {"//host/x", null, "false"},
                {"/path:x", null, "false"},
                {"relative", null, "false"},
                {"", null, "false"},
                {"web+app:x", "web+app", "false"},
        };
        for (String[] row : table) {
            String scheme = SafeUrl.scheme(row[0]);
            assertThat(scheme).as("scheme of %s", row[0]).isEqualTo(row[1]);
            assertThat(SafeUrl.isHttpScheme(scheme)).as("http(s)? %s", row[0]).isEqualTo(Boolean.parseBoolean(row[2]));
        }
        assertThat(SafeUrl.scheme(null)).isNull();
        assertThat(SafeUrl.isHttps(URI.create("HTTPS://a/"))).isTrue();
        assertThat(SafeUrl.isHttps(URI.create("http://a/"))).isFalse();
        assertThat(SafeUrl.isHttps(null)).isFalse();
    }
}
