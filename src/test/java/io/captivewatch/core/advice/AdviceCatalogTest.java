package io.captivewatch.core.advice;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Classifier;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.probe.ErrorKind;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.captivewatch.core.classify.Observations.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdviceCatalogTest {
    private final AdviceCatalog catalog = AdviceCatalog.builtIn();
    private final Classifier classifier = new Classifier();

    private static List<String> ids(List<Advice> a) {
        return a.stream().map(Advice::id).toList();
    }

    @Test
    void everyVerdictButOnlineGetsAdvice() {
        for (Verdict v : Verdict.values()) {
            List<Advice> a = catalog.select(v, Set.of(), Os.LINUX, "Hotel");
            if (v == Verdict.ONLINE) assertThat(a).isEmpty();
            else assertThat(a).as(v.name()).isNotEmpty();
        }
    }

    @Test
    void captiveWithoutLinkSaysSoAndSuggestsPlainHttpAndDns() {
        // a redirect without a Location (a 511 without a link now offers its own page: issue #15)
        Classification c = classifier.classify(List.of(answer(GOOGLE, 302, "")));
        List<String> ids = ids(catalog.select(c, Os.LINUX, "Hotel"));
        assertThat(ids).contains("no-link", "open-plain-http", "turn-off-private-dns", "flush-dns").doesNotContain("sign-in");
    }

    @Test
    void captiveWithLinkLeadsWithSignIn() {
        Classification c = classifier.classify(List.of(answer(GOOGLE, 302, "", "Location", "http://10.1.1.1/")));
        assertThat(ids(catalog.select(c, Os.LINUX, null))).startsWith("sign-in").doesNotContain("no-link");
    }

    @Test
    void pageThatWouldNotLoadGetsItsOwnAdviceOnlyWhenTheWindowSaysSo() {
        Classification c = classifier.classify(List.of(answer(GOOGLE, 302, "", "Location", "http://10.1.1.1/")));
        assertThat(ids(catalog.select(c, Os.LINUX, null, false))).doesNotContain("page-did-not-load")
                .isEqualTo(ids(catalog.select(c, Os.LINUX, null)));
        assertThat(ids(catalog.select(c, Os.LINUX, null, true))).startsWith("sign-in", "page-did-not-load");
        java.util.Set<Fact> facts = java.util.EnumSet.copyOf(Fact.of(c));
        facts.add(Fact.PAGE_LOAD_FAILED);
        assertThat(catalog.select(c, Os.LINUX, "Hotel", true)).isEqualTo(catalog.select(c.verdict(), facts, Os.LINUX, "Hotel"));
    }

    @Test
    void authRequiredIsToldItIsNotAPortal() {
        Classification c = classifier.classify(List.of(answer(GOOGLE, 401, "", "WWW-Authenticate", "Digest realm=x")));
        assertThat(ids(catalog.select(c, Os.WINDOWS, null))).contains("not-a-portal-401", "check-auth-scheme")
                .doesNotContain("open-plain-http", "proxy-credentials");
    }

    @Test
    void proxyAuthGetsProxyCommandsPerOs() {
        Advice linux = catalog.select(Verdict.PROXY_AUTH_REQUIRED, Set.of(), Os.LINUX, null).get(0);
        Advice mac = catalog.select(Verdict.PROXY_AUTH_REQUIRED, Set.of(), Os.MACOS, null).get(0);
        assertThat(linux.id()).isEqualTo("proxy-credentials");
        assertThat(linux.commands()).anyMatch(s -> s.contains("gsettings"));
        assertThat(mac.commands()).anyMatch(s -> s.contains("networksetup"));
    }

    @Test
    void flushDnsCommandsAreTheGuidesOnes() {
        for (Os os : Os.values()) {
            Advice flush = catalog.select(Verdict.OFFLINE, Set.of(), os, null).stream().filter(a -> a.id().equals("flush-dns")).findFirst().orElseThrow();
            String expected = switch (os) {
                case WINDOWS -> "ipconfig /flushdns";
                case MACOS -> "killall -HUP mDNSResponder";
                case LINUX -> "resolvectl flush-caches";
            };
            assertThat(String.join("\n", flush.commands())).contains(expected);
        }
    }

    @Test
    void networkNameIsFilledInAndCommandsNeedingItAreDroppedWithoutIt() {
        List<Advice> named = catalog.select(Verdict.CAPTIVE, EnumSet.of(Fact.NO_LOGIN_LINK), Os.LINUX, "Hotel \"Guest\"");
        Advice rejoin = named.stream().filter(a -> a.id().equals("forget-rejoin")).findFirst().orElseThrow();
        assertThat(rejoin.commands()).allMatch(c -> c.contains("'Hotel \"Guest\"'") && !c.contains("{ssid}"));
        List<Advice> unnamed = catalog.select(Verdict.CAPTIVE, EnumSet.of(Fact.NO_LOGIN_LINK), Os.LINUX, null);
        assertThat(unnamed).allMatch(a -> a.commands().stream().noneMatch(c -> c.contains("{ssid}")));
    }

    @Test
    void timeoutsEverywherePointAtVpnAndCustomDns() {
        Classification c = classifier.classify(List.of(error(GOOGLE, ErrorKind.TIMEOUT, ""), error(APPLE, ErrorKind.TIMEOUT, "")));
        assertThat(Fact.of(c)).contains(Fact.TIMEOUTS);
        assertThat(ids(catalog.select(c, Os.LINUX, null))).contains("vpn-firewall", "turn-off-private-dns", "check-connection");
    }

    @Test
    void catalogRejectsUnknownVerdictsAndFacts() {
        String bad = "{\"entries\":[{\"id\":\"x\",\"verdicts\":[\"sideways\"],\"title\":\"t\",\"body\":\"b\"}]}";
        assertThatThrownBy(() -> AdviceCatalog.parse(new StringReader(bad))).isInstanceOf(IllegalArgumentException.class);
        String badFact = "{\"entries\":[{\"id\":\"x\",\"verdicts\":[\"captive\"],\"whenAny\":[\"nope\"],\"title\":\"t\",\"body\":\"b\"}]}";
        assertThatThrownBy(() -> AdviceCatalog.parse(new StringReader(badFact))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catalogRejectsANetworkNameInQuotes() {
        for (String quoted : List.of("\\\"{ssid}\\\"", "'{ssid}'", "\\\\{ssid}")) {
            String json = "{\"entries\":[{\"id\":\"x\",\"verdicts\":[\"captive\"],\"title\":\"t\",\"body\":\"b\","
                    + "\"commands\":{\"linux\":[\"nmcli up id " + quoted + "\"]}}]}";
            assertThatThrownBy(() -> AdviceCatalog.parse(new StringReader(json))).as(quoted)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bare");
        }
    }

    @Test
    void idsAreUnique() {
        assertThat(catalog.ids()).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(15);
    }
}
