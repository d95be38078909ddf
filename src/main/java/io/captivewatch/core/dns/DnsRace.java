package io.captivewatch.core.dns;

import io.captivewatch.core.probe.Prober;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The probes' resolver when the system may be set to another DNS than the network's (custom DNS, VPN, DoH):
 * asks the system resolver and, at the same time, the DNS servers the network handed out
 * ({@link NetworkDnsDiscovery}); the first answer with addresses wins. A dead or blocked custom resolver thus
 * costs no time-out: behind a portal that blocks 9.9.9.9 the network's own DNS answers within milliseconds.
 * When the system already asks the network's servers, only the system is asked. Remembers per check which
 * resolver answered each host ({@link #log()}), for the evidence and the JSON.
 */
public final class DnsRace implements Prober.Resolver {
    /** How long one network-DNS query may take. */
    static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(3);
    /** Longest wait for either resolver (the probe's own deadline usually ends it first). */
    static final Duration MAX_WAIT = Duration.ofSeconds(15);

    /** One host's lookup in a check. */
    public record Answer(String host, String resolver, String server, List<String> addresses,
                         Future<?> systemLookup, String systemProblem) {
        public static final String SYSTEM = "system", NETWORK = "network";

        /** What the system resolver did, as far as known now: "answered", "failed: ...", "no answer". */
        public String systemOutcome() {
            if (!systemProblem.isEmpty()) return "failed: " + systemProblem;
            if (systemLookup == null) return resolver.equals(SYSTEM) ? "answered" : "not asked";
            if (!systemLookup.isDone()) return "no answer";
            try {
                systemLookup.get();
                return "answered";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "no answer";
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                return "failed: " + (e.getCause() == null ? e : e.getCause().getMessage());
            }
        }
    }

    /** What one check learned about DNS. */
    public record Log(List<String> systemServers, Optional<NetworkDns> networkDns, List<Answer> answers) {
        public Log {
            systemServers = List.copyOf(systemServers);
            answers = List.copyOf(answers);
        }

        /** Whether any probe host's addresses came from the network's DNS rather than the system's. */
        public boolean networkAnswered() {
            return answers.stream().anyMatch(a -> a.resolver().equals(Answer.NETWORK));
        }

        public Optional<Answer> forHost(String host) {
            return answers.stream().filter(a -> a.host().equalsIgnoreCase(host)).findFirst();
        }
    }

    /** The system's lookup (a seam for tests). */
    public interface SystemLookup {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final SystemLookup system;
    private final Supplier<List<String>> systemServers;
    private final Supplier<Optional<NetworkDns>> networkDns;
    private final java.util.function.Function<NetworkDns, DnsLookup> lookups;
    private final ThreadPoolExecutor systemThreads = new ThreadPoolExecutor(0, 16, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "captivewatch-system-dns");
                t.setDaemon(true);
                return t;
            });
    private final ThreadPoolExecutor networkThreads = new ThreadPoolExecutor(0, 16, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "captivewatch-network-dns");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.CallerRunsPolicy());
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private volatile List<String> lastSystemServers = List.of();
    private volatile Optional<NetworkDns> lastNetworkDns = Optional.empty();

    public DnsRace(SystemLookup system, Supplier<List<String>> systemServers, Supplier<Optional<NetworkDns>> networkDns,
                   java.util.function.Function<NetworkDns, DnsLookup> lookups) {
        this.system = system;
        this.systemServers = systemServers;
        this.networkDns = networkDns;
        this.lookups = lookups;
    }

    /** The system's resolver, {@code /etc/resolv.conf}, the network's DNS from {@code discovery}, port 53. */
    public static DnsRace defaults(NetworkDnsDiscovery discovery) {
        return new DnsRace(InetAddress::getAllByName, ResolvConf::systemServers, discovery::find,
                n -> new DnsLookup(DnsLookup.port53(n.servers()), NETWORK_TIMEOUT));
    }

    /** A new check starts: forget the previous check's answers. */
    public void beginCheck() {
        answers.clear();
        lastSystemServers = List.of();
        lastNetworkDns = Optional.empty();
    }

    /** What this check learned so far. */
    public Log log() {
        return new Log(lastSystemServers, lastNetworkDns, new ArrayList<>(answers.values()));
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (isLiteral(host)) return system.resolve(host); // no lookup
        List<String> sys = systemServers.get();
        Optional<NetworkDns> net;
        try {
            net = networkDns.get();
        } catch (RuntimeException e) {
            net = Optional.empty();
        }
        lastSystemServers = sys;
        lastNetworkDns = net;
        if (net.isEmpty() || sys.containsAll(net.get().servers())) {
            InetAddress[] a = system.resolve(host); // the system already asks the network's DNS
            record(new Answer(host, Answer.SYSTEM, String.join(", ", sys), literals(a), null, ""));
            return a;
        }
        CompletableFuture<InetAddress[]> viaSystem = new CompletableFuture<>();
        try {
            systemThreads.execute(() -> {
                try {
                    viaSystem.complete(system.resolve(host));
                } catch (Throwable t) {
                    viaSystem.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            viaSystem.completeExceptionally(new UnknownHostException("the system resolver is still busy with earlier lookups"));
        }
        DnsLookup lookup = lookups.apply(net.get());
        CompletableFuture<DnsLookup.Answer> viaNetwork = CompletableFuture.supplyAsync(() -> {
            try {
                return lookup.resolve(host);
            } catch (UnknownHostException e) {
                throw new java.util.concurrent.CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CompletionException(e);
            }
        }, networkThreads);
        long end = System.nanoTime() + MAX_WAIT.toNanos();
        try {
            while (System.nanoTime() < end) {
                try {
                    CompletableFuture.anyOf(viaSystem, viaNetwork).get(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    // one failed: see which below
                }
                if (viaSystem.isDone() && !viaSystem.isCompletedExceptionally()) {
                    InetAddress[] a = viaSystem.join();
                    record(new Answer(host, Answer.SYSTEM, String.join(", ", sys), literals(a), viaSystem, ""));
                    return a;
                }
                if (viaNetwork.isDone() && !viaNetwork.isCompletedExceptionally()) {
                    DnsLookup.Answer n = viaNetwork.join();
                    String sysProblem = viaSystem.isCompletedExceptionally() ? problem(viaSystem) : "";
                    record(new Answer(host, Answer.NETWORK, n.server(), literals(n.addresses().toArray(InetAddress[]::new)),
                            viaSystem, sysProblem));
                    return n.addresses().toArray(InetAddress[]::new);
                }
                if (viaSystem.isDone() && viaNetwork.isDone()) break; // both failed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + ": interrupted");
        } catch (TimeoutException e) {
            // fall through
        } finally {
            viaNetwork.cancel(true);
        }
        String why = viaSystem.isCompletedExceptionally() ? problem(viaSystem) : "no answer";
        String whyNet = viaNetwork.isCompletedExceptionally() ? problem(viaNetwork) : "no answer";
        throw new UnknownHostException(host + ": the system's DNS (" + String.join(", ", sys) + "): " + why
                + "; the network's DNS (" + String.join(", ", net.get().servers()) + "): " + whyNet);
    }

    private void record(Answer a) {
        answers.putIfAbsent(a.host().toLowerCase(java.util.Locale.ROOT), a);
    }

    private static String problem(CompletableFuture<?> f) {
        try {
            f.join();
            return "";
        } catch (RuntimeException e) {
            Throwable t = e.getCause() == null ? e : e.getCause();
            if (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) t = t.getCause();
            return t.getMessage() == null ? t.toString() : t.getMessage();
        }
    }

    private static List<String> literals(InetAddress[] a) {
        List<String> out = new ArrayList<>();
        if (a != null) for (InetAddress x : a) out.add(x.getHostAddress());
        return out;
    }

    static boolean isLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
