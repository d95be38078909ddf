package io.captivewatch.core.network;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The network as the OS shows it at one moment: interfaces that are up (with their non-link-local addresses),
 * the default routes, and the Wi-Fi SSID if known. Immutable and order-independent (sorted), so two
 * snapshots compare equal exactly when nothing relevant changed.
 *
 * @param interfaces    interface name -> sorted addresses ("10.0.0.5/24"); loopback excluded
 * @param defaultRoutes default routes, sorted
 * @param ssid          the Wi-Fi network name, or null
 */
public record NetworkSnapshot(Map<String, List<String>> interfaces, List<Route> defaultRoutes, String ssid) {

    /** A default route: {@code gateway} may be null for a point-to-point link. */
    public record Route(String iface, String gateway, boolean ipv6) {
        @Override
        public String toString() {
            return (gateway == null ? "default dev " : "default via " + gateway + " dev ") + iface;
        }
    }

    public static final NetworkSnapshot EMPTY = new NetworkSnapshot(Map.of(), List.of(), null);

    public NetworkSnapshot {
        TreeMap<String, List<String>> m = new TreeMap<>();
        if (interfaces != null) {
            interfaces.forEach((k, v) -> m.put(k, List.copyOf(new TreeSet<>(v == null ? List.of() : v))));
        }
        interfaces = java.util.Collections.unmodifiableMap(m);
        List<Route> r = new ArrayList<>(defaultRoutes == null ? List.of() : new java.util.LinkedHashSet<>(defaultRoutes));
        r.sort(Comparator.comparing((Route x) -> x.ipv6).thenComparing(x -> x.iface)
                .thenComparing(x -> x.gateway == null ? "" : x.gateway));
        defaultRoutes = List.copyOf(r);
        if (ssid != null && ssid.isBlank()) ssid = null;
    }

    /** Has a default route: "on a network" for JOINED / LEFT. */
    public boolean connected() {
        return !defaultRoutes.isEmpty();
    }

    /**
     * Which network this is: {@code ssid:NAME} when the SSID is known, else {@code if:IFACE/gw:GATEWAY} of the
     * first default route (IPv4 first), else empty.
     */
    public Optional<NetworkIdentity> identity() {
        if (ssid != null) return Optional.of(new NetworkIdentity("ssid:" + ssid, ssid, ssid));
        if (defaultRoutes.isEmpty()) return Optional.empty();
        Route r = defaultRoutes.get(0);
        String key = "if:" + r.iface() + "/gw:" + (r.gateway() == null ? "none" : r.gateway());
        return Optional.of(new NetworkIdentity(key, r.iface(), null));
    }

    /**
     * What identifies the attachment to the network, for caches that must notice another network before
     * anything else does: each default route's interface and gateway with that interface's addresses (IPv4
     * routes first), and the SSID when known; without a default route, every interface with its addresses.
     * Interfaces that carry no default route do not count, so a VPN or container bridge coming up elsewhere
     * does not change it while the default route stays.
     */
    public String attachment() {
        StringBuilder b = new StringBuilder();
        if (ssid != null) b.append("ssid ").append(ssid).append("; ");
        if (defaultRoutes.isEmpty()) {
            b.append("no default route");
            interfaces.forEach((name, addrs) -> b.append("; ").append(name).append(' ').append(addrs));
        } else {
            for (Route r : defaultRoutes) {
                b.append(r).append(' ').append(interfaces.getOrDefault(r.iface(), List.of())).append("; ");
            }
        }
        return b.toString();
    }

    /** Human-readable differences from {@code before} to this ("eth0: +10.0.0.5/24", "SSID Hotel"). */
    public List<String> differencesFrom(NetworkSnapshot before) {
        List<String> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(before.interfaces.keySet());
        names.addAll(interfaces.keySet());
        for (String n : names) {
            List<String> a = before.interfaces.get(n), b = interfaces.get(n);
            if (a == null) {
                out.add(n + " up" + (b.isEmpty() ? "" : " " + String.join(" ", b)));
            } else if (b == null) {
                out.add(n + " down");
            } else if (!a.equals(b)) {
                for (String x : b) if (!a.contains(x)) out.add(n + ": +" + x);
                for (String x : a) if (!b.contains(x)) out.add(n + ": -" + x);
            }
        }
        for (Route r : defaultRoutes) if (!before.defaultRoutes.contains(r)) out.add("+" + r);
        for (Route r : before.defaultRoutes) if (!defaultRoutes.contains(r)) out.add("-" + r);
        if (!Objects.equals(ssid, before.ssid)) {
            out.add(ssid == null ? "left Wi-Fi " + before.ssid : "SSID " + ssid);
        }
        return out;
    }
}
