package io.captivewatch.core.dns;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.net.URI;

/**
 * The {@code dns} part of a report: the system's servers, the network's, and which resolver answered each
 * probe host; each probe object also gets {@code "resolver": "system"|"network"} (absent when its host was
 * an address or never looked up).
 */
public final class DnsJson {
    private DnsJson() {}

    public static void addTo(JsonObject report, DnsRace.Log log) {
        JsonObject dns = new JsonObject();
        JsonArray sys = new JsonArray();
        log.systemServers().forEach(sys::add);
        dns.add("systemServers", sys);
        log.networkDns().ifPresent(n -> {
            JsonObject net = new JsonObject();
            JsonArray servers = new JsonArray();
            n.servers().forEach(servers::add);
            net.add("servers", servers);
            net.addProperty("source", n.source());
            dns.add("network", net);
        });
        JsonArray answers = new JsonArray();
        for (DnsRace.Answer a : log.answers()) {
            JsonObject o = new JsonObject();
            o.addProperty("host", a.host());
            o.addProperty("resolver", a.resolver());
            o.addProperty("server", a.server());
            JsonArray addrs = new JsonArray();
            a.addresses().forEach(addrs::add);
            o.add("addresses", addrs);
            o.addProperty("systemResolver", a.systemOutcome());
            answers.add(o);
        }
        dns.add("answers", answers);
        report.add("dns", dns);
        JsonElement probes = report.get("probes");
        if (probes == null || !probes.isJsonArray()) return;
        for (JsonElement p : probes.getAsJsonArray()) {
            if (!p.isJsonObject() || !p.getAsJsonObject().has("url")) continue;
            try {
                String host = URI.create(p.getAsJsonObject().get("url").getAsString()).getHost();
                log.forHost(host).ifPresent(a -> p.getAsJsonObject().addProperty("resolver", a.resolver()));
            } catch (RuntimeException e) {
                // not a URL: no resolver field
            }
        }
    }
}
