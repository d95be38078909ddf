package io.captivewatch.core.network;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Whether the default route goes through a VPN interface (by name: tun, tap, wg, ppp, ipsec, utun, vpn,
 * tailscale, nordlynx, zt): then a portal on the physical network is out of the probes' reach, and the user
 * should know which interface is in the way. Reads only the routing table: the VPN itself is never touched.
 */
public final class VpnRoute {
    /** The sentence the evidence carries (the advice catalog's {@code vpn_default_route} fact looks for it). */
    public static final String MARK = "looks like a VPN";
    private static final Pattern VPN_NAME = Pattern.compile(
            "(?i)^((tun|tap|wg|ppp|ipsec|utun|vpn|tailscale|nordlynx|proton|mullvad|gpd|cscotun)([0-9]+|[-_.][-_.a-z0-9]*)?"
                    + "|zt[a-z0-9]{8})$"); // a prefix then a number or a separator: "pppoe-wan" (a DSL uplink) is no VPN

    /** A default route through a VPN interface; {@code physical} is another default route's interface, if any. */
    public record Vpn(String iface, Optional<String> physical) {
        public String evidence() {
            return "Your default route goes through " + iface + ", which " + MARK + ": the network's portal may only be"
                    + " reachable outside it" + physical.map(p -> " (the network itself is on " + p + ")").orElse("") + ".";
        }
    }

    private VpnRoute() {}

    public static boolean isVpnName(String iface) {
        return iface != null && VPN_NAME.matcher(iface).matches();
    }

    /** From the default routes in order (the first is the one in use). */
    public static Optional<Vpn> of(List<NetworkSnapshot.Route> defaults) {
        if (defaults.isEmpty()) return Optional.empty();
        String first = defaults.get(0).iface();
        if (!isVpnName(first)) return Optional.empty();
        Optional<String> physical = defaults.stream().map(NetworkSnapshot.Route::iface).filter(i -> !isVpnName(i)).findFirst();
        return Optional.of(new Vpn(first, physical));
    }

    /**
     * The interface the kernel would send a packet to a public address through: a UDP socket "connected" to
     * 192.0.2.1 (TEST-NET-1, documentation only; connecting a UDP socket sends nothing) tells which local
     * address, hence which interface, the routing table picks. This sees split routes (0/1 + 128/1) and policy
     * routing that a look at the default routes would miss. Falls back to the first IPv4 default route.
     */
    public static Supplier<Optional<Vpn>> system() {
        return () -> {
            List<NetworkSnapshot.Route> defaults = ProcRoutes.read(ProcRoutes.PROC_NET).stream().filter(r -> !r.ipv6()).toList();
            Optional<String> used = routedInterface();
            if (used.isEmpty()) return of(defaults);
            if (!isVpnName(used.get())) return Optional.empty();
            Optional<String> physical = defaults.stream().map(NetworkSnapshot.Route::iface).filter(i -> !isVpnName(i)).findFirst();
            return Optional.of(new Vpn(used.get(), physical));
        };
    }

    static Optional<String> routedInterface() {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
            s.connect(java.net.InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}), 9);
            java.net.InetAddress local = s.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) return Optional.empty();
            java.net.NetworkInterface ni = java.net.NetworkInterface.getByInetAddress(local);
            return ni == null ? Optional.empty() : Optional.of(ni.getName());
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty(); // no route at all
        }
    }
}
