package io.captivewatch.core.extract;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of the parser → classifier → extractor path with 10,000 inputs from a fixed seed:
 * corpus responses mutated (truncated, bytes flipped/inserted/deleted, huge headers, thousands of Link
 * values, bad charsets, gzip bodies that expand 1000x, 10k-deep HTML, hostile URLs), random bytes, and
 * multi-hop redirect chains. See {@link FuzzHarness} for the invariants.
 */
class ResponseFuzzTest {
    static final List<CorpusTest.Row> ROWS = new ArrayList<>();
    static final List<byte[]> SEEDS = new ArrayList<>();
    static byte[] bomb;
    static String deepHtml;
    static FuzzHarness harness;
    static int heavy;

    @BeforeContainer
    static void load() throws IOException {
        for (CorpusTest.Row r : CorpusTest.manifest()) {
            ROWS.add(r);
            SEEDS.add(CorpusTest.resource(r.file()));
        }
        bomb = gzip(("<html><body><a href=/login>Log in</a>" + " ".repeat(120 * 1024 * 1024 / 100)).getBytes(StandardCharsets.US_ASCII), 100);
        deepHtml = "<div><b><i><table><tr><td><a href=x>".repeat(1700) + "<a href=/deep>Log in</a>";
        harness = new FuzzHarness();
        // Warm the JIT on the corpus (heavy cases included) so the per-input deadline measures the code, not the JIT.
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < SEEDS.size(); i++) {
                harness.check(new FuzzHarness.Input(ROWS.get(i).probe(), List.of(SEEDS.get(i)), "warm-up " + ROWS.get(i).file()));
            }
        }
    }

    @AfterContainer
    static void close() {
        if (harness != null) {
            System.out.print("Fuzz timings:\n" + harness.stats());
            harness.close();
        }
    }

    @Property(tries = 10_000, seed = "20261123", generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE,
            shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.SAMPLE_ONLY)
    void noExceptionNoHangOnlySafeUrls(@ForAll("inputs") FuzzHarness.Input input) {
        String problem = harness.check(input);
        assertThat(problem).as(input.how()).isNull();
    }

    @Provide
    Arbitrary<FuzzHarness.Input> inputs() {
        return Arbitraries.randomValue(ResponseFuzzTest::generate);
    }

    static FuzzHarness.Input generate(Random rnd) {
        int kind = rnd.nextInt(100);
        CorpusTest.Row row = ROWS.get(rnd.nextInt(ROWS.size()));
        URI probe = row.probe();
        if (kind < 5) { // random bytes, sometimes behind a valid status line
            byte[] b = new byte[rnd.nextInt(2048)];
            rnd.nextBytes(b);
            if (rnd.nextBoolean()) b = concat("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII), b);
            return new FuzzHarness.Input(probe, List.of(b), "random bytes");
        }
        if (kind < 12) { // a redirect chain of 2..5 hops
            int n = 2 + rnd.nextInt(4);
            List<byte[]> hops = new ArrayList<>();
            for (int i = 0; i < n - 1; i++) {
                hops.add(("HTTP/1.1 30" + (2 + rnd.nextInt(6)) + " Found\r\nLocation: " + randomLocation(rnd) + "\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            hops.add(mutate(SEEDS.get(rnd.nextInt(SEEDS.size())), rnd, 1));
            return new FuzzHarness.Input(probe, hops, "redirect chain of " + n);
        }
        int seedIndex = ROWS.indexOf(row);
        StringBuilder ops = new StringBuilder();
        byte[] m = mutate(SEEDS.get(seedIndex), rnd, 1 + rnd.nextInt(3), ops);
        return new FuzzHarness.Input(probe, List.of(m), "mutated" + ops + " " + row.file());
    }

    static String randomLocation(Random rnd) {
        String[] pool = {"/next", "//gw.test/portal?x=1", "http://10.0.0.1/login?a=1&amp;b=2", "javascript:alert(1)",
                "http%3A%2F%2Fgw.test%2Fl", "  http://gw.test/ sp ace ", "data:text/html,x", "http://u:p@gw.test/",
                "http://gw.test/" + "a".repeat(5000), "\u0000http://gw.test/\u0001", "https://[::1]:99999/", "http://%zz/",
                "?only=query", "#frag", "http://gw.test/登录", "HTTP://GW.TEST/UP", "\\\\gw.test\\x", "http:/one-slash"};
        return pool[rnd.nextInt(pool.length)];
    }

    static byte[] mutate(byte[] seed, Random rnd, int rounds) {
        return mutate(seed, rnd, rounds, new StringBuilder());
    }

    static final String[] OP_NAMES = {"truncate", "flip", "insert", "delete", "hugeheader", "links", "charset", "fields", "bomb", "deep", "gzip", "chunk"};
    static final int[] OP_LIMITS = {15, 30, 40, 48, 56, 64, 72, 78, 79, 80, 92, 100};

    static byte[] mutate(byte[] seed, Random rnd, int rounds, StringBuilder ops) {
        byte[] b = seed;
        for (int r = 0; r < rounds; r++) {
            int op = rnd.nextInt(100);
            for (int k = 0; k < OP_LIMITS.length; k++) {
                if (op < OP_LIMITS[k]) {
                    ops.append('+').append(OP_NAMES[k]);
                    break;
                }
            }
            if (op < 15) { // truncate
                b = Arrays.copyOf(b, b.length == 0 ? 0 : rnd.nextInt(b.length));
            } else if (op < 30) { // flip bytes
                b = b.clone();
                for (int i = 0, n = 1 + rnd.nextInt(8); i < n && b.length > 0; i++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            } else if (op < 40) { // insert random or interesting bytes
                int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
                String[] snippets = {"\r\n", "\n\n", "\r\n\r\n", "<", "\"", "'", "<!--", "<script>", "location.href='", "\u0000",
                        "<meta http-equiv=refresh content=\"0;url=javascript:x\">", "<a href=\"data:x\">Log in</a>",
                        "<iframe src=file:///etc/passwd>", "<LoginURL>vbscript:x</LoginURL>", "{\"loginUrl\":\"ftp://x\"}",
                        "Transfer-Encoding: chunked\r\n", "Content-Length: 99999999999\r\n", "Content-Encoding: gzip\r\n",
                        "Content-Type: text/html; charset=utf-16\r\n", "<base href=//evil.test/>", "\u00ff\u00fe"};
                byte[] ins = rnd.nextInt(3) == 0 ? randomBytes(rnd, 1 + rnd.nextInt(32))
                        : snippets[rnd.nextInt(snippets.length)].getBytes(StandardCharsets.UTF_8);
                b = concat(Arrays.copyOf(b, at), ins, Arrays.copyOfRange(b, at, b.length));
            } else if (op < 48) { // delete a range
                if (b.length > 1) {
                    int from = rnd.nextInt(b.length), to = Math.min(b.length, from + 1 + rnd.nextInt(64));
                    b = concat(Arrays.copyOf(b, from), Arrays.copyOfRange(b, to, b.length));
                }
            } else if (op < 56) { // huge header value
                b = withHeader(b, "X-Huge", "v".repeat(rnd.nextInt(80_000)));
            } else if (op < 64) { // thousands of Link values
                StringBuilder sb = new StringBuilder();
                int n = 500 + rnd.nextInt(2000);
                for (int i = 0; i < n && sb.length() < 60_000; i++) {
                    sb.append(rnd.nextInt(50) == 0 ? "<javascript:x>; rel=captive-portal" : "</a" + i + ">; rel=" + (rnd.nextBoolean() ? "preload" : "\"captive-portal x\"")).append(", ");
                }
                b = withHeader(b, "Link", sb.toString());
            } else if (op < 72) { // bad charsets
                String[] cs = {"x-bogus", "utf-7", "utf-16", "UTF-32BE", "gb2312", "\"\"", "shift_jis", "iso-2022-jp", "ébad", "utf-8;;;", "a".repeat(300)};
                b = withHeader(b, "Content-Type", "text/html; charset=" + cs[rnd.nextInt(cs.length)]);
            } else if (op < 78) { // many header fields
                StringBuilder sb = new StringBuilder();
                for (int i = 0, n = rnd.nextInt(300); i < n; i++) sb.append("X-F").append(i).append(": ").append(i).append("\r\n");
                b = withRawHeaders(b, sb.toString());
            } else if (op < 79) { // gzip body that expands 1000x (rare: costly)
                b = withBody(b, bomb, "Content-Encoding: gzip\r\nContent-Type: text/html\r\n");
            } else if (op < 80) { // deep nesting (rare: costly)
                b = withBody(b, deepHtml.getBytes(StandardCharsets.US_ASCII), "Content-Type: text/html\r\n");
            } else if (op < 92) { // small gzip body, possibly truncated or corrupt
                byte[] z = gzip(bodyOf(b), 1);
                if (rnd.nextBoolean() && z.length > 2) z = Arrays.copyOf(z, 2 + rnd.nextInt(z.length - 2));
                b = withBody(b, z, "Content-Encoding: " + (rnd.nextBoolean() ? "gzip" : "deflate, gzip") + "\r\n");
            } else { // chunk the body with odd chunk sizes
                byte[] body = bodyOf(b);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 0; i < body.length; ) {
                    int n = Math.min(body.length - i, 1 + rnd.nextInt(100));
                    out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, i, n);
                    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                    i += n;
                }
                if (rnd.nextBoolean()) out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                b = withBody(stripHeader(b, "Content-Length"), out.toByteArray(), "Transfer-Encoding: chunked\r\n");
            }
        }
        return b;
    }

    // ---------------------------------------------------------------- byte surgery (tolerant of broken input)

    static int headEnd(byte[] b) {
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') return i;
        }
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\n' && b[i + 1] == '\n') return i;
        }
        return b.length;
    }

    static byte[] bodyOf(byte[] b) {
        int h = headEnd(b);
        int start = Math.min(b.length, h + (h + 1 < b.length && b[h] == '\r' ? 4 : 2));
        return Arrays.copyOfRange(b, start, b.length);
    }

    static byte[] withRawHeaders(byte[] b, String lines) {
        int firstEol = indexOf(b, (byte) '\n');
        if (firstEol < 0) return concat(b, "\r\n".getBytes(StandardCharsets.US_ASCII), lines.getBytes(StandardCharsets.UTF_8));
        return concat(Arrays.copyOf(b, firstEol + 1), lines.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(b, firstEol + 1, b.length));
    }

    static byte[] withHeader(byte[] b, String name, String value) {
        return withRawHeaders(b, name + ": " + value + "\r\n");
    }

    static byte[] stripHeader(byte[] b, String name) {
        String head = new String(b, 0, headEnd(b), StandardCharsets.ISO_8859_1);
        String cleaned = head.replaceAll("(?im)^" + name + ":[^\\n]*\\n", "");
        return concat(cleaned.getBytes(StandardCharsets.ISO_8859_1), Arrays.copyOfRange(b, headEnd(b), b.length));
    }

    static byte[] withBody(byte[] b, byte[] body, String extraHeaders) {
        byte[] head = Arrays.copyOf(b, headEnd(b));
        head = stripHeader(concat(head, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), "Content-Length");
        head = Arrays.copyOf(head, headEnd(head));
        byte[] withExtra = withRawHeaders(concat(head, "\r\n".getBytes(StandardCharsets.US_ASCII)), extraHeaders);
        return concat(withExtra, "\r\n".getBytes(StandardCharsets.US_ASCII), body);
    }

    static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) if (b[i] == x) return i;
        return -1;
    }

    static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** gzip of {@code data} repeated {@code times} times (streamed: the plain text is never held whole). */
    static byte[] gzip(byte[] data, int times) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            for (int i = 0; i < times; i++) g.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
