package io.captivewatch.core.extract;

import io.captivewatch.core.probe.Headers;
import io.captivewatch.core.probe.RecordedResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class BodyTextTest {
    static final URI URL = URI.create("http://portal.test/");

    static RecordedResponse resp(byte[] body, String... headers) {
        List<Headers.Field> f = new ArrayList<>();
        for (int i = 0; i + 1 < headers.length; i += 2) f.add(new Headers.Field(headers[i], headers[i + 1]));
        return new RecordedResponse(URL, 200, "OK", Headers.of(f), body, false, -1);
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bos)) {
            g.write(data);
        }
        return bos.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean nowrap) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(bos, new Deflater(9, nowrap))) {
            d.write(data);
        }
        return bos.toByteArray();
    }

    @Test
    void gzipIsInflated() throws Exception {
        byte[] html = "<a href=/login>Log in</a>".getBytes(StandardCharsets.UTF_8);
        BodyText.Decoded d = BodyText.decode(resp(gzip(html), "Content-Encoding", "gzip", "Content-Type", "text/html"));
        assertThat(d.text()).isEqualTo("<a href=/login>Log in</a>");
        assertThat(d.truncated()).isFalse();
    }

    @Test
    void deflateZlibAndRawAreInflated() throws Exception {
        byte[] text = "hello deflate".getBytes(StandardCharsets.US_ASCII);
        assertThat(BodyText.of(resp(deflate(text, false), "Content-Encoding", "deflate"))).isEqualTo("hello deflate");
        assertThat(BodyText.of(resp(deflate(text, true), "Content-Encoding", "deflate"))).isEqualTo("hello deflate");
    }

    @Test
    void gzipBombStopsAtTheCapQuickly() throws Exception {
        byte[] zeros = new byte[64 * 1024 * 1024]; // 64 MiB of zeros compress ~1000x
        byte[] bomb = gzip(zeros);
        assertThat(bomb.length).isLessThan(zeros.length / 500);
        long t0 = System.nanoTime();
        BodyText.Decoded d = BodyText.decode(resp(bomb, "Content-Encoding", "gzip"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(d.text().length()).isEqualTo(BodyText.MAX_DECODED);
        assertThat(d.truncated()).isTrue();
        assertThat(d.notes()).anyMatch(n -> n.contains("inflates past"));
        assertThat(ms).isLessThan(1500);
    }

    @Test
    void truncatedGzipKeepsWhatInflated() throws Exception {
        byte[] big = "x".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        byte[] z = gzip(big);
        byte[] cut = Arrays.copyOf(z, z.length / 2);
        BodyText.Decoded d = BodyText.decode(resp(cut, "Content-Encoding", "gzip"));
        assertThat(d.notes()).anyMatch(n -> n.contains("truncated or corrupt"));
        assertThat(d.text()).matches("x*");
    }

    @Test
    void gzipLabelOnPlainBodyIsLeftAlone() {
        BodyText.Decoded d = BodyText.decode(resp("plain".getBytes(StandardCharsets.US_ASCII), "Content-Encoding", "gzip"));
        assertThat(d.text()).isEqualTo("plain");
        assertThat(d.notes()).isNotEmpty();
    }

    @Test
    void unknownEncodingIsLeftAsIs() {
        assertThat(BodyText.of(resp("abc".getBytes(StandardCharsets.US_ASCII), "Content-Encoding", "br"))).isEqualTo("abc");
    }

    @Test
    void contentTypeCharsetIsUsed() {
        BodyText.Decoded gb = BodyText.decode(resp("登录".getBytes(Charset.forName("GBK")), "Content-Type", "text/html; charset=GB2312"));
        assertThat(gb.text()).isEqualTo("登录");
        assertThat(gb.charsetSource()).isEqualTo("content-type");
        assertThat(BodyText.of(resp("Café".getBytes(Charset.forName("windows-1252")), "Content-Type", "text/html;charset=\"windows-1252\"")))
                .isEqualTo("Café");
        // ISO-8859-1 means windows-1252, as in browsers: 0x80 is the euro sign
        assertThat(BodyText.of(resp(new byte[] {(byte) 0x80}, "Content-Type", "text/plain; charset=iso-8859-1"))).isEqualTo("€");
    }

    @Test
    void gbkChineseDecodes() {
        byte[] b = "请登录".getBytes(Charset.forName("GBK"));
        assertThat(BodyText.of(resp(b, "Content-Type", "text/html; charset=gb2312"))).isEqualTo("请登录");
        assertThat(BodyText.of(resp(b, "Content-Type", "text/html; charset=GBK"))).isEqualTo("请登录");
    }

    @Test
    void bomWinsOverHeaderAndUtf16Works() {
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "<a href=x>é</a>".getBytes(StandardCharsets.UTF_16LE));
        BodyText.Decoded d = BodyText.decode(resp(le, "Content-Type", "text/html; charset=utf-8"));
        assertThat(d.text()).isEqualTo("<a href=x>é</a>");
        assertThat(d.charsetSource()).isEqualTo("bom");
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, "hé".getBytes(StandardCharsets.UTF_16BE));
        assertThat(BodyText.of(resp(be))).isEqualTo("hé");
        byte[] u8 = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "hé".getBytes(StandardCharsets.UTF_8));
        assertThat(BodyText.of(resp(u8, "Content-Type", "text/html; charset=iso-8859-1"))).isEqualTo("hé");
    }

    @Test
    void utf16WithoutBomFromHeader() {
        assertThat(BodyText.of(resp("ok".getBytes(StandardCharsets.UTF_16LE), "Content-Type", "text/html; charset=utf-16le"))).isEqualTo("ok");
        assertThat(BodyText.of(resp("ok".getBytes(StandardCharsets.UTF_16BE), "Content-Type", "text/html; charset=UTF-16BE"))).isEqualTo("ok");
    }

    @Test
    void metaCharsetInPrescan() {
        byte[] b = concat("<html><head><meta charset=\"windows-1252\"></head><body>".getBytes(StandardCharsets.US_ASCII),
                "Gr\u00fc\u00dfe".getBytes(Charset.forName("windows-1252")));
        BodyText.Decoded d = BodyText.decode(resp(b, "Content-Type", "text/html"));
        assertThat(d.text()).endsWith("Grüße");
        assertThat(d.charsetSource()).isEqualTo("meta");
        byte[] g = concat("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">".getBytes(StandardCharsets.US_ASCII),
                "登录".getBytes(Charset.forName("GBK")));
        assertThat(BodyText.of(resp(g))).endsWith("登录");
    }

    @Test
    void metaBeyondPrescanIsIgnored() {
        byte[] b = concat(" ".repeat(5000).getBytes(StandardCharsets.US_ASCII),
                "<meta charset=gbk>".getBytes(StandardCharsets.US_ASCII), "é".getBytes(StandardCharsets.UTF_8));
        BodyText.Decoded d = BodyText.decode(resp(b));
        assertThat(d.charsetSource()).isEqualTo("utf-8 heuristic");
        assertThat(d.text()).endsWith("é");
    }

    @Test
    void heuristicsUtf8ElseWindows1252() {
        assertThat(BodyText.decode(resp("naïve".getBytes(StandardCharsets.UTF_8))).charset()).isEqualTo(StandardCharsets.UTF_8);
        BodyText.Decoded d = BodyText.decode(resp("naïve €".getBytes(Charset.forName("windows-1252"))));
        assertThat(d.charset().name()).isEqualTo("windows-1252");
        assertThat(d.text()).isEqualTo("naïve €");
        // a UTF-8 sequence cut by truncation still reads as UTF-8
        byte[] cut = Arrays.copyOf("aé€".getBytes(StandardCharsets.UTF_8), 5);
        assertThat(BodyText.decode(resp(cut)).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void badCharsetLabelFallsBack() {
        BodyText.Decoded d = BodyText.decode(resp("héllo".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/html; charset=x-evil-💣"));
        assertThat(d.text()).isEqualTo("héllo");
        BodyText.Decoded d2 = BodyText.decode(resp("héllo".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/html; charset=no-such-charset"));
        assertThat(d2.text()).isEqualTo("héllo");
        assertThat(d2.notes()).anyMatch(n -> n.contains("unknown charset label"));
    }

    @Test
    void decodedTextIsCapped() {
        byte[] big = new byte[BodyText.MAX_DECODED + 10];
        Arrays.fill(big, (byte) 'a');
        BodyText.Decoded d = BodyText.decode(resp(big));
        assertThat(d.text()).hasSize(BodyText.MAX_DECODED);
        assertThat(d.truncated()).isTrue();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        for (byte[] p : parts) bos.writeBytes(p);
        return bos.toByteArray();
    }
}
