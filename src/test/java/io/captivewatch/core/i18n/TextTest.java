package io.captivewatch.core.i18n;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {
    static final Messages EN = Messages.english(), DE = Messages.of(Locale.GERMAN), JA = Messages.of(Locale.JAPANESE),
            RU = Messages.of(Locale.forLanguageTag("ru")), PSEUDO = Messages.of(Languages.PSEUDO);

    @Test
    void dataIsShownAsItIsInEveryLanguage() {
        Text t = Text.of("explain.dns.portalAt", "http://10.0.0.1/login?a='b'");
        assertThat(t.english()).isEqualTo("The portal is at http://10.0.0.1/login?a='b'.");
        assertThat(t.render(DE)).isEqualTo("Das Portal ist unter http://10.0.0.1/login?a='b' erreichbar.");
        assertThat(t.render(PSEUDO)).isEqualTo("\u27E6The portal is at http://10.0.0.1/login?a='b'.\u27E7");
        assertThat(Text.data("as sent").render(DE)).isEqualTo("as sent");
    }

    @Test
    void nestedTextsAreRenderedInTheSameLanguage() {
        Text t = Text.of("explain.offline.single", Text.of("explain.error.timeout"));
        assertThat(t.english()).isEqualTo("No probe got an answer: it timed out.");
        assertThat(t.render(DE)).isEqualTo("Keine Prüfung bekam eine Antwort: Zeitüberschreitung.");
        assertThat(t.render(PSEUDO)).isEqualTo("\u27E6No probe got an answer: \u27E6it timed out\u27E7.\u27E7");
    }

    @Test
    void countedMessagesPickTheLanguagesForm() {
        assertThat(Text.plural("explain.othersFailed", 1).english()).isEqualTo("(1 other probe did not answer as expected; see details.)");
        assertThat(Text.plural("explain.othersFailed", 2).english()).isEqualTo("(2 other probes did not answer as expected; see details.)");
        assertThat(Text.plural("explain.othersFailed", 2).render(RU)).contains("2 пробы");
        assertThat(Text.plural("explain.othersFailed", 5).render(RU)).contains("5 проб ");
    }

    @Test
    void sentencesAreJoinedWithASpaceExceptInChineseAndJapanese() {
        Text t = Text.sentences(Text.of("explain.noLoginLink"), Text.data(""), Text.of("explain.probe.redirectLoop"));
        assertThat(t.english()).isEqualTo("The portal did not say where to sign in. The redirects went on past our limit.");
        assertThat(t.render(JA)).isEqualTo(JA.get("explain.noLoginLink") + JA.get("explain.probe.redirectLoop"));
        assertThat(Text.joined("explain.offline.separator", List.of(Text.data("a"), Text.data("b"))).english()).isEqualTo("a; b");
    }

    @Test
    void equalByStructureSoWarningsDeduplicate() {
        assertThat(Text.of("explain.warn.511noLink", "h")).isEqualTo(Text.of("explain.warn.511noLink", "h"))
                .hasSameHashCodeAs(Text.of("explain.warn.511noLink", "h"))
                .isNotEqualTo(Text.of("explain.warn.511noLink", "g"));
        assertThat(Text.of("explain.noLoginLink").then(Text.data("x"))).isEqualTo(Text.sentences(Text.of("explain.noLoginLink"), Text.data("x")));
    }
}
