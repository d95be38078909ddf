package io.captivewatch.core.report;

import com.google.gson.JsonObject;
import io.captivewatch.core.probe.Headers;
import io.captivewatch.core.probe.RecordedResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The body excerpt in reports is the body as text, decoded as the extractor decodes it (BodyText). */
class ReportJsonTest {
    static final URI URL = URI.create("http://captive.apple.com/hotspot-detect.html");
    static final String JAPANESE = "<html><title>ホテルWi-Fi</title><p>ご利用にはログインしてください</p></html>";

    static RecordedResponse response(byte[] body, String... headerPairs) {
        List<Headers.Field> fields = new ArrayList<>();
        for (int i = 0; i + 1 < headerPairs.length; i += 2) fields.add(new Headers.Field(headerPairs[i], headerPairs[i + 1]));
        return new RecordedResponse(URL, 200, "OK", Headers.of(fields), body, false, 3);
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void shiftJisBodyByItsContentTypeCharset() {
        RecordedResponse r = response(JAPANESE.getBytes(Charset.forName("Shift_JIS")), "Content-Type", "text/html; charset=Shift_JIS");
        assertThat(ReportJson.excerpt(r)).isEqualTo(JAPANESE);
    }

    @Test
    void shiftJisBodyByItsMetaCharset() {
        String page = "<html><head><meta charset=\"shift_jis\"></head><body>ログイン</body></html>";
        RecordedResponse r = response(page.getBytes(Charset.forName("Shift_JIS")), "Content-Type", "text/html");
        assertThat(ReportJson.excerpt(r)).isEqualTo(page);
    }

    @Test
    void utf16BodyByItsByteOrderMark() {
        byte[] body = concat(new byte[]{(byte) 0xFF, (byte) 0xFE}, JAPANESE.getBytes(StandardCharsets.UTF_16LE));
        // the BOM wins over a wrong Content-Type charset, as in browsers
        RecordedResponse r = response(body, "Content-Type", "text/html; charset=iso-8859-1");
        assertThat(ReportJson.excerpt(r)).isEqualTo(JAPANESE);
    }

    @Test
    void gzipBodyIsInflated() throws IOException {
        String page = "<html><a href=\"http://10.0.0.1/login\">Sign in — Café</a></html>";
        RecordedResponse r = response(gzip(page.getBytes(StandardCharsets.UTF_8)), "Content-Encoding", "gzip",
                "Content-Type", "text/html; charset=utf-8");
        assertThat(ReportJson.excerpt(r)).isEqualTo(page);
        JsonObject hop = ReportJson.hop(r);
        assertThat(hop.get("bodyExcerpt").getAsString()).isEqualTo(page);
        assertThat(hop.get("bodyBytes").getAsInt()).as("the size as received").isEqualTo(r.bodyLength());
    }

    @Test
    void windows1252WithoutACharsetLabel() {
        RecordedResponse r = response(new byte[]{'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0x80}, "Content-Type", "text/plain");
        assertThat(ReportJson.excerpt(r)).isEqualTo("café €");
    }

    @Test
    void controlCharactersAreReplacedAndTheExcerptIsBounded() {
        RecordedResponse r = response("a\u0000b\r\nc\td\u0007".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain; charset=utf-8");
        assertThat(ReportJson.excerpt(r)).isEqualTo("a\uFFFDb\nc\td\uFFFD");
        assertThat(ReportJson.excerpt(response(new byte[0]))).isEmpty();

        String emoji = "\uD83D\uDE00";
        String text = "x".repeat(ReportJson.BODY_EXCERPT_CHARS - 1) + emoji + "tail";
        String excerpt = ReportJson.excerpt(response(text.getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain; charset=utf-8"));
        assertThat(excerpt).as("cut before a character that does not fit whole").isEqualTo("x".repeat(ReportJson.BODY_EXCERPT_CHARS - 1));
        String longText = "y".repeat(3 * ReportJson.BODY_EXCERPT_CHARS);
        assertThat(ReportJson.excerpt(response(longText.getBytes(StandardCharsets.UTF_8)))).hasSize(ReportJson.BODY_EXCERPT_CHARS);
    }
}
