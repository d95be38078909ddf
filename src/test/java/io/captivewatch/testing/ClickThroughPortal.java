package io.captivewatch.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A click-through portal on 127.0.0.1 shaped like openNDS's splash (issue #20 tests): {@code GET /splash}
 * serves "Accept Terms of Service" (hidden {@code fas} token + {@code continue=clicked}, GET to /splash/),
 * then a "Continue" page (hidden {@code fas} + {@code landing=yes}); the second submission, with the episode's
 * current token and a session cookie, lets the client out. {@link #deauth()} starts a new episode with a new
 * token. Options: an extra field in the first form, a terms checkbox the user must tick, a password field.
 */
public final class ClickThroughPortal implements AutoCloseable {
    private final HttpServer server;
    private volatile String token = UUID.randomUUID().toString();
    private volatile boolean online;
    private volatile String extraField;
    private volatile boolean termsBox;
    private volatile boolean passwordField;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public ClickThroughPortal() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The login URL a check would find (a redirect into the splash, as openNDS does). */
    public URI loginUrl() {
        return url("/start");
    }

    public boolean online() {
        return online;
    }

    public String token() {
        return token;
    }

    /** Back behind the portal, with a new token (as {@code ndsctl deauth}). */
    public void deauth() {
        online = false;
        token = UUID.randomUUID().toString();
    }

    public ClickThroughPortal extraField(String name) {
        extraField = name;
        return this;
    }

    public ClickThroughPortal termsBox(boolean v) {
        termsBox = v;
        return this;
    }

    public ClickThroughPortal passwordField(boolean v) {
        passwordField = v;
        return this;
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        URI u = x.getRequestURI();
        String body = new String(x.getRequestBody().readNBytes(16 * 1024), StandardCharsets.UTF_8);
        requests.add(method + " " + u + (body.isEmpty() ? "" : " " + body));
        Map<String, String> q = form(method.equals("POST") ? body : u.getRawQuery());
        String cookie = String.valueOf(x.getRequestHeaders().getFirst("Cookie"));
        String page;
        if (u.getPath().equals("/start")) {
            x.getResponseHeaders().add("Location", "/splash?fas=" + token);
            x.getResponseHeaders().add("Set-Cookie", "session=s-" + token + "; Path=/");
            x.sendResponseHeaders(302, -1);
            x.close();
            return;
        }
        if (u.getPath().equals("/splash/") && token.equals(q.get("fas")) && "yes".equals(q.get("landing"))
                && cookie.contains("session=s-" + token)) {
            online = true;
            page = "<html><body>You are now logged in</body></html>";
        } else if (u.getPath().equals("/splash/") && token.equals(q.get("fas")) && "clicked".equals(q.get("continue"))
                && (!termsBox || "yes".equals(q.get("terms")))) {
            page = "<html><body><p>Thank you</p><form action=\"/splash/\" method=\"post\">"
                    + "<input type=\"hidden\" name=\"fas\" value=\"" + token + "\">"
                    + "<input type=\"hidden\" name=\"landing\" value=\"yes\">"
                    + "<input type=\"submit\" value=\"Continue\"></form></body></html>";
        } else {
            page = "<html><body><h1>Welcome</h1>"
                    + "<form action=\"/terms\" method=\"get\"><input type=\"hidden\" name=\"terms\" value=\"yes\">"
                    + "<input type=\"submit\" value=\"Read Terms\"></form>"
                    + "<form action=\"/splash/\" method=\"get\">"
                    + "<input type=\"hidden\" name=\"fas\" value=\"" + token + "\">"
                    + "<input type=\"hidden\" name=\"continue\" value=\"clicked\">"
                    + (termsBox ? "<label><input type=\"checkbox\" name=\"terms\" value=\"yes\"> I agree</label>" : "")
                    + (extraField == null ? "" : "<input type=\"text\" name=\"" + extraField + "\">")
                    + (passwordField ? "<input type=\"password\" name=\"pw\">" : "")
                    + "<input type=\"submit\" value=\"Accept Terms of Service\"></form></body></html>";
        }
        byte[] b = page.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private static Map<String, String> form(String s) {
        Map<String, String> m = new HashMap<>();
        if (s == null) return m;
        for (String kv : s.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) m.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
