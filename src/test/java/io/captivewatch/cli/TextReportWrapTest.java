package io.captivewatch.cli;

import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.advice.AdviceCatalog;
import io.captivewatch.core.advice.Os;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Classifier;
import io.captivewatch.core.classify.Observations;
import io.captivewatch.core.i18n.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The advice bodies of the terminal report wrap by display width in every language, Chinese and Japanese included. */
class TextReportWrapTest {
    static Classification captive() {
        return new Classifier().classify(List.of(Observations.answer(Observations.GOOGLE, 302, "",
                "Location", "http://10.0.0.1/login")));
    }

    /** The advice body lines of a report ("     " indent, not a "       $ " command). */
    static List<String> bodyLines(String report) {
        String advice = report.substring(report.indexOf("\n  1. "));
        return advice.lines().filter(l -> l.startsWith("     ") && !l.startsWith("       $ ")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ja", "zh-CN", "ru", "ar", "fr"})
    void everyBodyLineFitsIn96Columns(String lang) {
        Messages m = Messages.of(Locale.forLanguageTag(lang));
        Classification c = captive();
        List<Advice> advice = withMessages(m, () -> AdviceCatalog.builtIn().select(c, Os.LINUX, "Hotel"));
        String report = TextReport.of(c, advice, m);
        List<String> lines = bodyLines(report);
        assertThat(lines).as(lang + " body lines").hasSizeGreaterThan(advice.size()); // some bodies take several lines
        assertThat(lines).as(lang).allSatisfy(l -> assertThat(TextReport.columns(l)).as(l).isLessThanOrEqualTo(96));
        // nothing lost or added: the lines, joined, are the bodies (CJK lines join without a space)
        boolean cjk = lang.startsWith("ja") || lang.startsWith("zh");
        String joined = String.join(cjk ? "" : " ", lines.stream().map(String::strip).toList());
        for (Advice a : advice) {
            String body = a.body().replaceAll("\\s+", " ").strip();
            if (cjk) assertThat(joined.replace(" ", "")).contains(body.replace(" ", ""));
            else assertThat(joined).contains(body);
        }
    }

    @Test
    void chineseBreaksBetweenCharactersAndCountsThemTwice() {
        String text = "许多强制门户靠自己应答 DNS 来工作。自定义 DNS 服务器（1.1.1.1、8.8.8.8）会绕过网络的 DNS，于是登录页面永远不会出现。";
        String wrapped = TextReport.wrap(text, "  ", 30, Locale.SIMPLIFIED_CHINESE);
        List<String> lines = wrapped.lines().toList();
        assertThat(lines).hasSizeGreaterThan(3);
        assertThat(lines).allSatisfy(l -> assertThat(TextReport.columns(l)).as(l).isLessThanOrEqualTo(30));
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("  ").doesNotStartWith("   "));
        // every line but the last is nearly full: breaks between characters, not only at the few spaces
        lines.subList(0, lines.size() - 1).forEach(l -> assertThat(TextReport.columns(l)).as(l).isGreaterThanOrEqualTo(24));
        assertThat(String.join("", lines.stream().map(l -> l.substring(2)).toList()).replace(" ", ""))
                .isEqualTo(text.replace(" ", ""));
    }

    @Test
    void columnsCountWideCharactersTwiceAndMarksNotAtAll() {
        assertThat(TextReport.columns("abc")).isEqualTo(3);
        assertThat(TextReport.columns("日本語")).isEqualTo(6);
        assertThat(TextReport.columns("（登录）。")).isEqualTo(10);
        assertThat(TextReport.columns("e\u0301")).isEqualTo(1); // e + combining acute
        assertThat(TextReport.columns("Привет")).isEqualTo(6);
        assertThat(TextReport.columns("𠀋")).isEqualTo(2); // outside the BMP
    }

    @Test
    void westernTextWrapsAtSpacesAsBefore() {
        assertThat(TextReport.wrap("aaa bbb  ccc\ndddd", "  ", 9, Locale.ENGLISH)).isEqualTo("  aaa bbb\n  ccc\n  dddd\n");
        assertThat(TextReport.wrap("open http://neverssl.com/a/b now", "", 12, Locale.ENGLISH)).isEqualTo("open\nhttp://neverssl.com/a/b\nnow\n");
        assertThat(TextReport.wrap("une page non chiffrée : les sites", "", 22, Locale.FRENCH)).isEqualTo("une page non\nchiffrée : les sites\n");
        assertThat(TextReport.wrap("averyveryverylongword b", "  ", 9, Locale.ENGLISH)).isEqualTo("  averyveryverylongword\n  b\n");
    }

    static <T> T withMessages(Messages m, java.util.function.Supplier<T> s) {
        Messages before = Messages.current();
        Messages.use(m);
        try {
            return s.get();
        } finally {
            Messages.use(before);
        }
    }
}
