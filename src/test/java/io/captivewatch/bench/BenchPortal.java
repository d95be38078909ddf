package io.captivewatch.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny portal for the benchmarks, run as its own process (inside a network namespace by bench/run.sh):
 * {@code BenchPortal --bind ADDR [--port N] [--portfile FILE] [--mode online|captive] [--max-seconds S]}.
 * <ul>
 *   <li>{@code GET /generate_204}: 204 when online; when captive a 302 to {@code /login}.</li>
 *   <li>{@code GET /login}: a small sign-in page; {@code POST /login} switches to online (like a real portal).</li>
 *   <li>{@code GET /__stats}: JSON counters (connections, requests, bytes in/out) of every other request.</li>
 *   <li>{@code GET /__mode/online}, {@code /__mode/captive}: switch the mode. Control requests are not counted.</li>
 * </ul>
 * Bytes are counted at the socket (request head + body as read, response as written), i.e. TCP payload
 * bytes; keep-alive is supported so a client that reuses connections is counted fairly.
 * The process exits by itself after {@code --max-seconds} (default 3600) so it can never linger.
 */
public final class BenchPortal {
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private volatile boolean captive;

    public static void main(String[] args) throws Exception {
        String bind = "127.0.0.1";
        int port = 0;
        Path portFile = null;
        String mode = "online";
        long maxSeconds = 3600;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bind" -> bind = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--portfile" -> portFile = Path.of(args[++i]);
                case "--mode" -> mode = args[++i];
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BenchPortal portal = new BenchPortal();
        portal.captive = mode.equals("captive");
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(bind), port), 64);
        if (portFile != null) {
            Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(tmp, Integer.toString(server.getLocalPort()));
            Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.println("BenchPortal listening on " + bind + ":" + server.getLocalPort());
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        Thread killer = new Thread(() -> {
            while (System.nanoTime() < deadline) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.exit(0);
        }, "max-lifetime");
        killer.setDaemon(true);
        killer.start();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-portal-conn");
            t.setDaemon(true);
            return t;
        });
        while (true) {
            Socket s = server.accept();
            pool.execute(() -> portal.serve(s));
        }
    }

    private void serve(Socket s) {
        boolean counted = false;
        try (s) {
            s.setSoTimeout(30_000);
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            for (int n = 0; n < 1000; n++) {
                byte[] head = readHead(in);
                if (head == null) return;
                String text = new String(head, StandardCharsets.ISO_8859_1);
                String[] lines = text.split("\r?\n");
                String[] first = lines[0].split(" ");
                if (first.length < 2) return;
                String method = first[0];
                String path = first[1];
                int contentLength = 0;
                boolean close = lines[0].endsWith("HTTP/1.0");
                for (String l : lines) {
                    String lower = l.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) contentLength = Integer.parseInt(l.substring(15).trim());
                    if (lower.startsWith("connection:") && lower.contains("close")) close = true;
                }
                byte[] body = in.readNBytes(Math.min(contentLength, 1 << 20));
                boolean control = path.startsWith("/__");
                byte[] response = respond(method, path, close);
                if (!control) {
                    if (!counted) {
                        connections.incrementAndGet();
                        counted = true;
                    }
                    requests.incrementAndGet();
                    bytesIn.addAndGet(head.length + body.length);
                    bytesOut.addAndGet(response.length);
                }
                out.write(response);
                out.flush();
                if (close) return;
            }
        } catch (SocketTimeoutException e) {
            // idle keep-alive connection: drop it
        } catch (IOException | RuntimeException e) {
            // client went away
        }
    }

    /** The request head up to and including the blank line, or null at EOF; bounded to 64 KiB. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int last4 = 0;
        while (b.size() < 65536) {
            int c = in.read();
            if (c < 0) return null;
            b.write(c);
            last4 = (last4 << 8) | c;
            if (last4 == 0x0d0a0d0a || (last4 & 0xffff) == 0x0a0a) return b.toByteArray();
        }
        throw new IOException("request head too large");
    }

    private byte[] respond(String method, String path, boolean close) {
        String conn = close ? "Connection: close\r\n" : "";
        switch (path) {
            case "/__stats" -> {
                return page(200, "OK", "application/json", String.format(Locale.ROOT,
                        "{\"connections\":%d,\"requests\":%d,\"bytesIn\":%d,\"bytesOut\":%d,\"mode\":\"%s\"}",
                        connections.get(), requests.get(), bytesIn.get(), bytesOut.get(),
                        captive ? "captive" : "online"), conn);
            }
            case "/__mode/online" -> {
                captive = false;
                return page(200, "OK", "text/plain", "online", conn);
            }
            case "/__mode/captive" -> {
                captive = true;
                return page(200, "OK", "text/plain", "captive", conn);
            }
            case "/login" -> {
                if (method.equals("POST")) {
                    captive = false;
                    return page(200, "OK", "text/html", "<html><head><title>Welcome</title></head><body>You are online.</body></html>", conn);
                }
                return page(200, "OK", "text/html", "<!doctype html><html><head><title>Bench Wi-Fi</title></head><body>"
                        + "<h1>Bench Wi-Fi</h1><form method=\"post\" action=\"/login\"><input type=\"checkbox\" name=\"tos\">"
                        + "I accept<button type=\"submit\">Connect</button></form></body></html>", conn);
            }
            default -> {
                if (captive) {
                    return page(302, "Found", "text/html", "<a href=\"/login\">Sign in</a>", "Location: /login\r\n" + conn);
                }
                return ("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n" + conn + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            }
        }
    }

    private static byte[] page(int status, String reason, String type, String body, String extra) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + type + "; charset=utf-8\r\nContent-Length: "
                + b.length + "\r\nCache-Control: no-store\r\n" + extra + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }
}
