package io.captivewatch.core.dns;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks given DNS servers directly (dnsjava, UDP with TCP on truncation) for a host's A records (AAAA when it
 * has none): how CaptiveWatch reaches the network's own DNS when the system is set to use another one.
 * Every query is bounded by the timeout; the servers are asked at once and the first usable answer wins.
 */
public final class DnsLookup {
    /** The servers asked and which one answered. */
    public record Answer(List<InetAddress> addresses, String server) {}

    private final List<InetSocketAddress> servers;
    private final Duration timeout;

    /** @param servers IP literals of DNS servers (port 53), or {@code host:port} for tests' loopback servers */
    public DnsLookup(List<InetSocketAddress> servers, Duration timeout) {
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
    }

    /** Port-53 addresses of IP literals (anything else is skipped: no lookup to find a DNS server). */
    public static List<InetSocketAddress> port53(List<String> literals) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String s : literals) {
            String bare = s.replaceFirst("%.*$", "");
            if (!bare.matches("[0-9.]+") && !bare.contains(":")) continue;
            try {
                out.add(new InetSocketAddress(InetAddress.getByName(bare), 53)); // a literal: no lookup
            } catch (UnknownHostException e) {
                // not an address
            }
        }
        return out;
    }

    /** The addresses of {@code host}, or {@link UnknownHostException} when no server gives any in time. */
    public Answer resolve(String host) throws UnknownHostException, InterruptedException {
        if (servers.isEmpty()) throw new UnknownHostException(host + ": no network DNS server known");
        Answer a = query(host, Type.A);
        if (a.addresses().isEmpty()) {
            Answer six = query(host, Type.AAAA);
            if (!six.addresses().isEmpty()) return six;
            throw new UnknownHostException(host + ": no address from the network's DNS (" + a.server() + ")");
        }
        return a;
    }

    private Answer query(String host, int type) throws UnknownHostException, InterruptedException {
        Message q;
        try {
            q = Message.newQuery(Record.newRecord(Name.fromString(host.endsWith(".") ? host : host + "."), type, DClass.IN));
        } catch (TextParseException e) {
            throw new UnknownHostException(host + ": not a DNS name");
        }
        List<CompletableFuture<Answer>> asked = new ArrayList<>();
        for (InetSocketAddress s : servers) {
            SimpleResolver r = new SimpleResolver(s);
            r.setTimeout(timeout);
            String name = s.getPort() == 53 ? s.getAddress().getHostAddress() : s.getAddress().getHostAddress() + ":" + s.getPort();
            asked.add(r.sendAsync(q).toCompletableFuture().thenApply(m -> answerOf(m, name)));
        }
        long end = System.nanoTime() + timeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(200);
        String lastProblem = "no answer within " + timeout.toMillis() + " ms";
        List<CompletableFuture<Answer>> pending = new ArrayList<>(asked);
        Answer empty = null;
        try {
            while (!pending.isEmpty()) {
                long left = end - System.nanoTime();
                if (left <= 0) break;
                try {
                    CompletableFuture.anyOf(pending.toArray(CompletableFuture[]::new)).get(left, TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    // one failed: look at each below
                } catch (TimeoutException e) {
                    break;
                }
                for (var it = pending.iterator(); it.hasNext(); ) {
                    CompletableFuture<Answer> f = it.next();
                    if (!f.isDone()) continue;
                    it.remove();
                    try {
                        Answer a = f.get();
                        if (!a.addresses().isEmpty()) return a;
                        empty = a;
                        lastProblem = "no " + Type.string(type) + " record from " + a.server();
                    } catch (ExecutionException e) {
                        lastProblem = String.valueOf(e.getCause());
                    }
                }
            }
        } finally {
            for (CompletableFuture<Answer> f : asked) f.cancel(true);
        }
        if (empty != null && pending.isEmpty()) return empty; // every server answered: the name has no such record
        throw new UnknownHostException(host + ": the network's DNS " + servers + " gave no answer (" + lastProblem + ")");
    }

    private static Answer answerOf(Message m, String server) {
        List<InetAddress> out = new ArrayList<>();
        for (Record r : m.getSection(Section.ANSWER)) {
            if (r instanceof ARecord a) out.add(a.getAddress());
            if (r instanceof AAAARecord a) out.add(a.getAddress());
            if (out.size() >= 16) break;
        }
        return new Answer(out, server);
    }
}
