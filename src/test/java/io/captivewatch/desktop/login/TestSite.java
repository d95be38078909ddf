package io.captivewatch.desktop.login;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A small real web server on 127.0.0.1 (ephemeral port) serving test pages; records every request. */
public final class TestSite implements AutoCloseable {
    /** One request as received. */
    public record Request(String method, String path, String body) {}

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "test-site");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final String scheme;

    private TestSite(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.setExecutor(pool);
        server.start();
    }

    public static TestSite http() throws IOException {
        return new TestSite(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16), "http");
    }

    /** An https server with a fresh self-signed certificate made by keytool in {@code dir}. */
    public static TestSite httpsSelfSigned(Path dir) throws Exception {
        SSLContext ctx = io.captivewatch.testing.SelfSignedTls.serverContext(dir);
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        s.setHttpsConfigurator(new HttpsConfigurator(ctx));
        return new TestSite(s, "https");
    }

    /** Serves {@code body} with {@code contentType} (null: no Content-Type header at all) at {@code path}. */
    public TestSite page(String path, String contentType, String body, String... extraHeaders) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return handle(path, ex -> {
            if (contentType != null) ex.getResponseHeaders().add("Content-Type", contentType);
            for (int i = 0; i + 1 < extraHeaders.length; i += 2) ex.getResponseHeaders().add(extraHeaders[i], extraHeaders[i + 1]);
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    public TestSite html(String path, String body) {
        return page(path, "text/html; charset=utf-8", body);
    }

    public TestSite handle(String path, HttpHandler handler) {
        server.createContext(path, ex -> {
            String body = new String(ex.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
            if (ex.getRequestURI().getPath().equals(path)) {
                requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), body));
                try {
                    handler.handle(ex);
                } finally {
                    ex.close();
                }
            } else {
                send404(ex);
            }
        });
        return this;
    }

    private static void send404(HttpExchange ex) throws IOException {
        ex.sendResponseHeaders(404, -1);
        ex.close();
    }

    public URI url(String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
