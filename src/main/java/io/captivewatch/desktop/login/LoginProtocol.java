package io.captivewatch.desktop.login;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The line protocol between the tray process and its login-window process ({@link LoginWindowProcess} and
 * {@link LoginWindowMain}): one message per line, UTF-8, {@code word[ argument]}. No JavaFX here.
 *
 * <pre>
 * tray  -> window: dns SERVER[,SERVER...] | open URL | online | close
 * window -> tray : shown URL | page | load-failed REASON | advice REASON | closed
 *                  | form JSON (a form the user submitted, issue #20: {@code SubmittedForm}, no secret)
 * </pre>
 *
 * {@code dns} comes before an {@code open} when the tray's last check reached the portal only through the
 * network's own DNS servers (the system's resolver failed): the window then looks names up through them
 * ({@link io.captivewatch.core.dns.NetworkDnsProxy}). Its argument is IP literals only ({@link #dnsServers}).
 *
 * The URL travels on stdin rather than the command line, so a portal's session token never shows in
 * {@code ps}. Lines are bounded ({@link #MAX_LINE}); a longer line is skipped whole, never split.
 */
public final class LoginProtocol {
    /** Longest line either side reads; longer lines are dropped. URLs we open are far shorter (see SafeUrl). */
    public static final int MAX_LINE = 64 * 1024;

    public static final String DNS = "dns";
    /** Most servers a {@code dns} message may name. */
    public static final int MAX_DNS_SERVERS = 8;
    public static final String OPEN = "open";
    public static final String ONLINE = "online";
    public static final String CLOSE = "close";
    public static final String SHOWN = "shown";
    /** A page finished loading or a new one was asked for: time to re-check (older trays ignore it). */
    public static final String PAGE = "page";
    public static final String LOAD_FAILED = "load-failed";
    public static final String ADVICE = "advice";
    public static final String CLOSED = "closed";
    /** A form the user submitted ({@code core.recipe.SubmittedForm} as JSON, at most its own bound). */
    public static final String FORM = "form";

    private LoginProtocol() {}

    /** One message: a word and an optional argument (empty string when absent). */
    public record Message(String word, String argument) {
        /** The line for this message, without the newline; line breaks in the argument become spaces. */
        public String line() {
            String arg = argument.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ").strip();
            return arg.isEmpty() ? word : word + " " + arg;
        }
    }

    public static Message message(String word, String argument) {
        return new Message(word, argument == null ? "" : argument);
    }

    /** The {@code dns} message for these servers (IP literals). */
    public static Message dns(java.util.List<String> servers) {
        return new Message(DNS, String.join(",", servers));
    }

    /**
     * The servers of a {@code dns} message: 1 to {@link #MAX_DNS_SERVERS} IPv4 or IPv6 literals separated by
     * commas (no names, zones, ports or spaces); anything else refuses the whole message (empty).
     */
    public static Optional<java.util.List<String>> dnsServers(String argument) {
        if (argument == null || argument.isEmpty() || argument.length() > MAX_DNS_SERVERS * 40) return Optional.empty();
        String[] parts = argument.split(",", -1);
        if (parts.length > MAX_DNS_SERVERS) return Optional.empty();
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String p : parts) {
            if (!isIpLiteral(p)) return Optional.empty();
            out.add(p);
        }
        return Optional.of(java.util.List.copyOf(out));
    }

    /** A dotted-quad IPv4 address (each part 0-255, no leading zeros) or an IPv6 address in hex and colons. */
    static boolean isIpLiteral(String s) {
        if (s.matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}")) {
            for (String o : s.split("\\.")) if (Integer.parseInt(o) > 255) return false;
            return true;
        }
        if (s.length() < 2 || s.length() > 39 || !s.matches("[0-9A-Fa-f:]+") || !s.contains(":")) return false;
        try {
            return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address; // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Parses a line: the word up to the first space, the rest (stripped) as argument. */
    public static Message parse(String line) {
        String l = line.strip();
        int sp = l.indexOf(' ');
        return sp < 0 ? new Message(l, "") : new Message(l.substring(0, sp), l.substring(sp + 1).strip());
    }

    /**
     * Reads one line (without its terminator) of at most {@link #MAX_LINE} bytes, skipping longer lines whole.
     *
     * @return the line, or empty at end of stream
     */
    public static Optional<String> readLine(InputStream in) throws IOException {
        while (true) {
            byte[] buf = new byte[256];
            int n = 0;
            boolean tooLong = false;
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (n == MAX_LINE) {
                    tooLong = true;
                    continue;
                }
                if (n == buf.length) buf = java.util.Arrays.copyOf(buf, Math.min(MAX_LINE, buf.length * 2));
                buf[n++] = (byte) b;
            }
            if (b < 0 && n == 0 && !tooLong) return Optional.empty();
            if (tooLong) {
                if (b < 0) return Optional.empty();
                continue;
            }
            if (n > 0 && buf[n - 1] == '\r') n--;
            return Optional.of(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
    }
}
