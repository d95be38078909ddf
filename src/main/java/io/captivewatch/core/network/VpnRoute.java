package io.captivewatch.core.network;

import io.captivewatch.core.os.CommandRunner;

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
        /** The sentence in English. */
        public String evidence() {
            return text().english();
        }

        /** The sentence, worded when shown; its English carries {@link #MARK}. */
        public io.captivewatch.core.i18n.Text text() {
            return physical.map(p -> io.captivewatch.core.i18n.Text.of("explain.vpn.physical", iface, p))
                    .orElseGet(() -> io.captivewatch.core.i18n.Text.of("explain.vpn", iface));
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
        return system(() -> routedInterface(), () -> ProcRoutes.read(ProcRoutes.PROC_NET), new NmVpnDevices(CommandRunner.system()));
    }

    /**
     * {@link #system()} with its sources as seams: the interface in use, the routing table, and NetworkManager's
     * device types (a VPN whose interface has an unusual name, e.g. a WireGuard device called "home").
     */
    static Supplier<Optional<Vpn>> system(Supplier<Optional<String>> routed, Supplier<List<NetworkSnapshot.Route>> routes,
                                         java.util.function.Predicate<String> managedVpn) {
        return () -> {
            List<NetworkSnapshot.Route> defaults = routes.get().stream().filter(r -> !r.ipv6()).toList();
            java.util.function.Predicate<String> vpn = i -> isVpnName(i) || managedVpn.test(i);
            Optional<String> used = routed.get();
            if (used.isEmpty()) {
                if (defaults.isEmpty() || !vpn.test(defaults.get(0).iface())) return Optional.empty();
                used = Optional.of(defaults.get(0).iface());
            } else if (!vpn.test(used.get())) {
                return Optional.empty();
            }
            Optional<String> physical = defaults.stream().map(NetworkSnapshot.Route::iface).filter(vpn.negate()).findFirst();
            return Optional.of(new Vpn(used.get(), physical));
        };
    }

    /**
     * NetworkManager's device types ({@code nmcli -t -f DEVICE,TYPE device status}): which devices are VPNs
     * (wireguard, tun, vpn, ip-tunnel; not ppp, which is also DSL). Asked only for a name the name rule does not
     * recognise, and remembered for a minute per device, so a captive network's 3 s checks run no process each.
     */
    static final class NmVpnDevices implements java.util.function.Predicate<String> {
        static final List<String> COMMAND = List.of("nmcli", "-t", "-f", "DEVICE,TYPE", "device", "status");
        private static final java.util.Set<String> VPN_TYPES = java.util.Set.of("wireguard", "tun", "vpn", "ip-tunnel");
        private static final java.time.Duration KEEP = java.time.Duration.ofMinutes(1);
        private final CommandRunner runner;
        private java.util.Set<String> devices = java.util.Set.of();
        private long askedAt = Long.MIN_VALUE;

        NmVpnDevices(CommandRunner runner) {
            this.runner = runner;
        }

        @Override
        public synchronized boolean test(String iface) {
            if (iface == null || isVpnName(iface)) return false; // the name rule already said
            long now = System.nanoTime();
            if (askedAt == Long.MIN_VALUE || now - askedAt > KEEP.toNanos()) {
                CommandRunner.Result r = runner.run(COMMAND, java.time.Duration.ofSeconds(2));
                devices = r.exitCode() == 0 ? parse(r.stdout()) : java.util.Set.of();
                askedAt = now;
            }
            return devices.contains(iface);
        }

        /** The VPN devices in nmcli's terse output ({@code DEVICE:TYPE} lines; a ':' in a name is written '\\:'). */
        static java.util.Set<String> parse(String stdout) {
            java.util.Set<String> out = new java.util.LinkedHashSet<>();
            for (String line : stdout.split("\n", 512)) {
                int sep = -1;
                for (int i = 0; i < line.length(); i++) {
                    if (line.charAt(i) == '\\') i++;
                    else if (line.charAt(i) == ':') sep = i;
                }
                if (sep <= 0) continue;
                String type = line.substring(sep + 1).strip();
                if (VPN_TYPES.contains(type)) out.add(line.substring(0, sep).replace("\\:", ":"));
            }
            return out;
        }
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
