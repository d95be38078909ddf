package io.captivewatch.core.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {
    @Test
    void everyControlAndInvisibleFormattingCharacterIsShownEscaped() {
        assertThat(TerminalText.of("a\u001b[2Jb")).isEqualTo("a\\x1b[2Jb");
        assertThat(TerminalText.of("\u001b]52;c;ZWNobw==\u0007")).isEqualTo("\\x1b]52;c;ZWNobw==\\x07");
        assertThat(TerminalText.of("x\u009b2J")).isEqualTo("x\\u009b2J");
        assertThat(TerminalText.of("ok\rEVIL\b\u007f\n\t")).isEqualTo("ok\\x0dEVIL\\x08\\x7f\\x0a\\x09");
        assertThat(TerminalText.of("\u202eabc\u2066\u200b\u2028")).isEqualTo("\\u202eabc\\u2066\\u200b\\u2028");
        assertThat(TerminalText.of("tag\uDB40\uDC01")).isEqualTo("tag\\u{e0001}");
        assertThat(TerminalText.of("lone\uD800")).isEqualTo("lone\\ud800");
        assertThat(TerminalText.of(null)).isEqualTo("null");
    }

    @Test
    void plainTextAndUnicodeStayAsTheyAre() {
        for (String s : new String[]{"Hotel Guest", "ホテルWi-Fi", "Café — 😀", "http://10.0.0.1/login?a=b@c"}) {
            assertThat(TerminalText.of(s)).isEqualTo(s);
        }
        String once = TerminalText.of("\u001b\u009b");
        assertThat(TerminalText.of(once)).isEqualTo(once);
    }

    @Test
    void credentialsAreRedacted() {
        assertThat(TerminalText.of("to http://user:pass@10.0.0.1/")).isEqualTo("to http://…@10.0.0.1/");
    }

    @Test
    void jsonKeepsItsMeaningWithoutRawTerminalControls() {
        String json = "{\"a\":\"x\u009by\u202e\u007f\",\"b\":\"😀\"}";
        assertThat(TerminalText.jsonSafe(json)).isEqualTo("{\"a\":\"x\\u009by\\u202e\\u007f\",\"b\":\"😀\"}");
        assertThat(com.google.gson.JsonParser.parseString(TerminalText.jsonSafe(json)))
                .isEqualTo(com.google.gson.JsonParser.parseString(json));
    }
}
