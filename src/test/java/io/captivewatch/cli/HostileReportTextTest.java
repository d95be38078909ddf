package io.captivewatch.cli;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recorded portal answer whose status line, headers, Location and page carry terminal escapes (ESC/CSI clear
 * screen, OSC title and OSC 52 clipboard writes, C1 CSI U+009B, BEL, backspace, CR, a bidi override) and whose
 * refused redirects carry credentials: the text report prints none of those bytes and no credentials, and the JSON
 * report (Gson escapes C0 controls there) holds no credentials and no raw C1 or bidi character either.
 */
class HostileReportTextTest {
    static final String ESC = "\u001b";
    static final String OSC52 = ESC + "]52;c;ZWNobyBvd25lZA==\u0007";

    /** The portal's answer as bytes: ISO-8859-1 head (C1 bytes as they come), UTF-8 page. */
    static byte[] hostileAnswer() throws IOException {
        String head = "HTTP/1.1 302 Moved" + ESC + "[2J" + ESC + "]0;pwned\u0007\r\n"
                + "Location: http://admin:s3cretpass@10.0.0.1/login" + OSC52 + "\r\n"
                + "X-Note: \u009b2J\u0008\u0008\rOK\r\n"
                + "Link: <http://guest:linkpass@10.0.0.2/x>; rel=\"captive-portal\"\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n";
        String page = "<html><head><title>\u202eHotel" + ESC + "]0;title\u0007 \u009b31m</title></head><body>"
                + "<a href=\"http://10.0.0.3/login\">Sign in \u001b[2J\u009b2J\u0007 here</a>"
                + "<a href=\"http://10.0.0.4/other\">Log in \u202e\u2066x</a>"
                + "<a href=\"http://bob:formpass@10.0.0.5/\">Login</a>"
                + "<meta http-equiv=\"refresh\" content=\"0;url=http://carol:metapass@10.0.0.6/\">"
                + "</body></html>";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(head.getBytes(StandardCharsets.ISO_8859_1));
        b.write(page.getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    static CliTest.Run analyze(boolean json) throws IOException {
        return json
                ? CliTest.run(new ByteArrayInputStream(hostileAnswer()), "analyze", "--url", "http://connectivitycheck.gstatic.com/generate_204", "-", "--json")
                : CliTest.run(new ByteArrayInputStream(hostileAnswer()), "analyze", "--url", "http://connectivitycheck.gstatic.com/generate_204", "-");
    }

    @Test
    void textReportPrintsNoControlCharacterAndNoCredentials() throws IOException {
        CliTest.Run r = analyze(false);
        assertThat(r.code()).as(r.err()).isEqualTo(10);
        String out = r.out();
        out.codePoints().forEach(cp -> assertThat(cp == '\n' || !(Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT || cp == 0x2028 || cp == 0x2029))
                .as("character U+%04X in the text report:%n%s", cp, out).isTrue());
        assertThat(out).doesNotContain("s3cretpass", "linkpass", "formpass", "metapass", "admin:", "guest:");
        // the report did print the portal's Location, its escapes shown
        assertThat(out).contains("Probes:", "http://…@10.0.0.1/login\\x1b]52;c;");
        assertThat(r.err()).doesNotContain(ESC, "\u009b", "\u0007");
    }

    @Test
    void jsonReportHoldsNoCredentialsAndNoRawTerminalControls() throws IOException {
        CliTest.Run r = analyze(true);
        assertThat(r.code()).as(r.err()).isEqualTo(10);
        String out = r.out();
        assertThat(JsonParser.parseString(out).getAsJsonObject().get("verdict").getAsString()).isEqualTo("captive");
        assertThat(out).contains("10.0.0.1").doesNotContain("s3cretpass", "linkpass", "formpass", "metapass");
        out.codePoints().forEach(cp -> assertThat(cp == '\n' || !(Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT))
                .as("raw character U+%04X in the JSON report", cp).isTrue());
        // what was escaped is still there for a reader of the JSON
        assertThat(JsonParser.parseString(out).getAsJsonObject().toString()).contains("\\u001b");
    }
}
