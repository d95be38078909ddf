package io.captivewatch.core.dns;

import io.captivewatch.core.url.SafeUrl;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback HTTP proxy for the login window that looks names up with <em>the network's own DNS</em>: behind a
 * portal that blocks the user's custom resolver (1.1.1.1, a VPN's DNS), the sign-in page's host
 * ({@code portal.hotel.lan}) is known only to the DNS the network handed out, which the JDK's resolver cannot
 * be pointed at. The login process sets {@link #selector()} as the JVM's default {@link ProxySelector}, which
 * WebKit's HTTP loader (and every {@code URLConnection}) asks.
 *
 * <ul>
 *   <li>Listens on 127.0.0.1 only, on an ephemeral port; at most {@link #MAX_CONNECTIONS} connections at once
 *       (more are answered 503), two threads each at most.</li>
 *   <li>https: {@code CONNECT host:port} is tunnelled byte for byte. The TLS session is between WebKit and the
 *       server, which checks the certificate against the page's host name as without a proxy; the proxy never
 *       sees plaintext.</li>
 *   <li>http: an absolute-form request ({@code GET http://host/path}) is sent on in origin form with
 *       {@code Connection: close}; the answer is passed back as it comes.</li>
 *   <li>Names: the network's DNS first ({@link DnsLookup}), the system's resolver if it has no answer; IP
 *       literals are not looked up. A target on this computer (loopback, unspecified) is refused (403): the
 *       page must not reach the user's own services through us.</li>
 *   <li>Deadlines: the request head within {@link #HEAD_LIMIT} (at most {@link ProxyRequest#MAX_HEAD} bytes), a name within
 *       {@link #LOOKUP_LIMIT}, the connection within {@link #CONNECT_LIMIT}; a connection with no traffic in
 *       either direction for {@link #IDLE_LIMIT} is closed.</li>
 * </ul>
 */
public final class NetworkDnsProxy implements AutoCloseable {
    public static final int MAX_CONNECTIONS = 32;
    static final Duration HEAD_LIMIT = Duration.ofSeconds(10);
    static final Duration LOOKUP_LIMIT = Duration.ofSeconds(6);
    static final Duration CONNECT_LIMIT = Duration.ofSeconds(10);
    static final Duration IDLE_LIMIT = Duration.ofSeconds(120);

    /** How the proxy finds a host's addresses. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException, InterruptedException;
    }

    private final ServerSocket server;
    private final Resolver resolver;
    private final Predicate<InetAddress> allowed;
    private final List<String> servers;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger served = new AtomicInteger();
    private final ExecutorService threads;
    private final Thread acceptor;
    private volatile boolean closed;

    private NetworkDnsProxy(Resolver resolver, Predicate<InetAddress> allowed, List<String> servers) throws IOException {
        this.resolver = resolver;
        this.allowed = allowed;
        this.servers = List.copyOf(servers);
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        AtomicInteger n = new AtomicInteger();
        // two threads per connection (the request side and the answer side), never more: slots bound it
        this.threads = new ThreadPoolExecutor(0, 2 * MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "captivewatch-dns-proxy-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "captivewatch-dns-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A proxy resolving with the DNS servers {@code servers} (IP literals, port 53), then the system's resolver;
     * refuses targets on this computer.
     */
    public static NetworkDnsProxy start(List<String> servers) throws IOException {
        DnsLookup network = new DnsLookup(DnsLookup.port53(servers), DnsRace.NETWORK_TIMEOUT);
        return start(networkThenSystem(network), NetworkDnsProxy::notThisComputer, servers);
    }

    /** A proxy with its own resolver and target rule (tests: a loopback DNS, loopback servers). */
    public static NetworkDnsProxy start(Resolver resolver, Predicate<InetAddress> allowed, List<String> servers) throws IOException {
        return new NetworkDnsProxy(resolver, allowed, servers);
    }

    /** The network's DNS first, the system's resolver when that has no answer; literals without a lookup. */
    public static Resolver networkThenSystem(DnsLookup network) {
        return host -> {
            if (DnsRace.isLiteral(host)) return InetAddress.getAllByName(host); // no lookup for a literal
            try {
                return network.resolve(host).addresses().toArray(InetAddress[]::new);
            } catch (UnknownHostException e) {
                return InetAddress.getAllByName(host);
            }
        };
    }

    /** The default target rule: nothing on this computer, by the project's one rule {@link SafeUrl#isThisComputer(InetAddress)}. */
    public static boolean notThisComputer(InetAddress a) {
        return !SafeUrl.isThisComputer(a);
    }

    /** The DNS servers this proxy was started for. */
    public List<String> servers() {
        return servers;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far (for tests and the debug log). */
    public int served() {
        return served.get();
    }

    /** Sends http and https through this proxy, everything else direct. */
    public ProxySelector selector() {
        Proxy p = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(), port()));
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                String s = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                return s.equals("http") || s.equals("https") ? List.of(p) : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // nothing to remember: there is no other proxy to try
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) closeQuietly(s);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket c;
            try {
                c = server.accept();
            } catch (IOException e) {
                if (closed) return;
                continue;
            }
            if (!c.getInetAddress().isLoopbackAddress()) { // bound to 127.0.0.1; checked all the same
                closeQuietly(c);
                continue;
            }
            served.incrementAndGet();
            if (!slots.tryAcquire()) {
                refuse(c, "503 Service Unavailable", "too many connections");
                continue;
            }
            open.add(c);
            try {
                threads.execute(() -> {
                    try {
                        serve(c);
                    } finally {
                        open.remove(c);
                        closeQuietly(c);
                        slots.release();
                    }
                });
            } catch (RuntimeException e) { // shut down meanwhile
                open.remove(c);
                closeQuietly(c);
                slots.release();
            }
        }
    }

    private void serve(Socket client) {
        Socket upstream = null;
        try {
            client.setSoTimeout((int) HEAD_LIMIT.toMillis());
            InputStream in = new BufferedInputStream(client.getInputStream());
            Optional<List<String>> head = ProxyRequest.readHead(in, System.nanoTime() + HEAD_LIMIT.toNanos());
            if (head.isEmpty() || head.get().isEmpty()) {
                refuse(client, "400 Bad Request", "no request");
                return;
            }
            String[] line = head.get().get(0).split(" ");
            if (line.length != 3 || !line[2].startsWith("HTTP/1.")) {
                refuse(client, "400 Bad Request", "not an HTTP/1 request");
                return;
            }
            boolean tunnel = line[0].equals("CONNECT");
            ProxyRequest.Target t = tunnel ? ProxyRequest.Target.ofAuthority(line[1]) : ProxyRequest.Target.ofUrl(line[1]);
            if (t == null) {
                refuse(client, "400 Bad Request", "not a proxy request for an http(s) host");
                return;
            }
            InetAddress address;
            try {
                address = lookUp(t.host());
            } catch (UnknownHostException e) {
                refuse(client, "502 Bad Gateway", "no address for " + t.host());
                return;
            } catch (SecurityException e) {
                refuse(client, "403 Forbidden", e.getMessage());
                return;
            }
            upstream = new Socket();
            open.add(upstream);
            try {
                upstream.connect(new InetSocketAddress(address, t.port()), (int) CONNECT_LIMIT.toMillis());
            } catch (IOException e) {
                refuse(client, "502 Bad Gateway", "cannot connect to " + t.host());
                return;
            }
            client.setSoTimeout((int) IDLE_LIMIT.toMillis());
            upstream.setSoTimeout((int) IDLE_LIMIT.toMillis());
            OutputStream toClient = client.getOutputStream();
            OutputStream toServer = upstream.getOutputStream();
            if (tunnel) {
                toClient.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                toClient.flush();
            } else {
                toServer.write(ProxyRequest.originForm(line, t, head.get()).getBytes(StandardCharsets.ISO_8859_1));
                toServer.flush();
            }
            relay(client, in, upstream);
        } catch (IOException e) {
            // the page or the server went away: nothing to tell
        } finally {
            if (upstream != null) {
                open.remove(upstream);
                closeQuietly(upstream);
            }
        }
    }

    /** Both directions until the server's side ends (or either fails or idles out). */
    private void relay(Socket client, InputStream fromClient, Socket upstream) throws IOException {
        CompletableFuture<Void> up = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                try {
                    copy(fromClient, upstream.getOutputStream());
                    upstream.shutdownOutput(); // the page is done sending: the server may still answer
                } catch (IOException e) {
                    closeQuietly(upstream);
                } finally {
                    up.complete(null);
                }
            });
        } catch (RuntimeException e) {
            return; // shutting down
        }
        try {
            copy(upstream.getInputStream(), client.getOutputStream());
        } finally {
            closeQuietly(client); // the server is done: so is the page's connection (and the other direction)
            closeQuietly(upstream);
            try {
                up.get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the other side ends with the sockets closed above
            }
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[16 * 1024];
        int n;
        try {
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("idle for " + IDLE_LIMIT.toSeconds() + " s", e);
        }
    }

    /** The first address the rule allows, within {@link #LOOKUP_LIMIT}. */
    private InetAddress lookUp(String host) throws UnknownHostException {
        CompletableFuture<InetAddress[]> f = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                try {
                    f.complete(resolver.resolve(host));
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
        } catch (RuntimeException e) {
            throw new UnknownHostException(host + ": the proxy is busy");
        }
        InetAddress[] all;
        try {
            all = f.get(LOOKUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host);
        } catch (ExecutionException | TimeoutException e) {
            f.cancel(true);
            throw new UnknownHostException(host);
        }
        if (all == null || all.length == 0) throw new UnknownHostException(host);
        for (InetAddress a : all) {
            if (!allowed.test(a)) throw new SecurityException(host + " is on this computer");
        }
        return all[0];
    }

    private static void refuse(Socket c, String status, String why) {
        try {
            byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
            c.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            c.getOutputStream().write(body);
            c.getOutputStream().flush();
        } catch (IOException e) {
            // gone already
        } finally {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
