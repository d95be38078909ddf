package io.captivewatch.core.network;

import io.captivewatch.core.os.CommandRunner;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Snapshots of the real OS: interfaces from {@link NetworkInterface}; default routes from
 * {@code /proc/net/route} + {@code /proc/net/ipv6_route} (Linux, {@link ProcRoutes}), {@code route -n get default} (macOS),
 * {@code route print} (Windows); SSID from {@code nmcli} / {@code iw} (Linux), {@code networksetup} (macOS),
 * {@code netsh wlan show interfaces} (Windows). Missing tools just leave the SSID unknown.
 */
public final class SystemSnapshots implements SnapshotSource {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(2);

    private final CommandRunner runner;
    private final String os;
    private final Path procNet;

    public SystemSnapshots() {
        this(CommandRunner.system(), System.getProperty("os.name", ""), Path.of("/proc/net"));
    }

    public SystemSnapshots(CommandRunner runner, String osName, Path procNet) {
        this.runner = runner;
        this.os = osName.toLowerCase(Locale.ROOT);
        this.procNet = procNet;
    }

    @Override
    public NetworkSnapshot take() {
        Map<String, List<String>> ifaces = interfaces();
        List<NetworkSnapshot.Route> routes;
        String ssid;
        if (windows()) {
            routes = run("route", "print", "-4", "0.0.0.0").map(SystemSnapshots::parseWindowsRoutes).orElse(List.of());
            ssid = run("netsh", "wlan", "show", "interfaces").map(SystemSnapshots::parseNetshSsid).orElse(null);
        } else if (mac()) {
            routes = run("route", "-n", "get", "default").map(SystemSnapshots::parseMacRoute).orElse(List.of());
            ssid = null;
            for (NetworkSnapshot.Route r : routes) {
                ssid = run("networksetup", "-getairportnetwork", r.iface()).map(SystemSnapshots::parseMacSsid).orElse(null);
                if (ssid != null) break;
            }
        } else {
            routes = ProcRoutes.read(procNet);
            ssid = linuxSsid(ifaces);
        }
        return new NetworkSnapshot(ifaces, routes, ssid);
    }

    /**
     * The snapshot without the SSID, taken without running any tool: interfaces from the JDK and, on Linux,
     * the default routes from {@code /proc/net}; elsewhere no routes (reading them takes a tool there). Cheap
     * enough to take before every check; {@link NetworkSnapshot#attachment()} of it keys per-network caches.
     */
    public NetworkSnapshot takeWithoutTools() {
        Map<String, List<String>> ifaces = interfaces();
        if (windows() || mac()) {
            return new NetworkSnapshot(ifaces, List.of(), null);
        }
        return new NetworkSnapshot(ifaces, ProcRoutes.read(procNet), null);
    }

    private boolean windows() {
        return os.startsWith("windows");
    }

    private boolean mac() {
        return os.startsWith("mac") || os.contains("darwin");
    }

    private String linuxSsid(Map<String, List<String>> ifaces) {
        if (ifaces.isEmpty()) return null;
        String s = run("nmcli", "-t", "-f", "active,ssid", "dev", "wifi", "list", "--rescan", "no")
                .map(SystemSnapshots::parseNmcli).orElse(null);
        if (s != null) return s;
        return run("iw", "dev").map(SystemSnapshots::parseIwDev).orElse(null);
    }

    private Optional<String> run(String... cmd) {
        CommandRunner.Result r = runner.run(List.of(cmd), TOOL_TIMEOUT);
        return r.ok() ? Optional.of(r.stdout()) : Optional.empty();
    }

    static Map<String, List<String>> interfaces() {
        Map<String, List<String>> out = new TreeMap<>();
        try {
            Enumeration<NetworkInterface> en = NetworkInterface.getNetworkInterfaces();
            if (en == null) return out;
            int n = 0;
            while (en.hasMoreElements() && n++ < 512) {
                NetworkInterface ni = en.nextElement();
                try {
                    if (!ni.isUp() || ni.isLoopback()) continue;
                    List<String> addrs = new ArrayList<>();
                    for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
                        InetAddress a = ia.getAddress();
                        if (a == null || a.isLinkLocalAddress() || a.isLoopbackAddress()) continue;
                        String host = a.getHostAddress();
                        int pct = host.indexOf('%');
                        if (pct >= 0) host = host.substring(0, pct);
                        addrs.add(host + "/" + ia.getNetworkPrefixLength());
                    }
                    out.put(ni.getName(), addrs);
                } catch (SocketException e) {
                    // interface vanished meanwhile
                }
            }
        } catch (SocketException e) {
            // no interfaces visible
        }
        return out;
    }

    /** {@code nmcli -t -f active,ssid dev wifi}: the line starting "yes:" (colons in the SSID escaped as "\:"). */
    static String parseNmcli(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("yes:")) {
                String ssid = line.substring(4).replace("\\:", ":").replace("\\\\", "\\").trim();
                if (!ssid.isEmpty()) return ssid;
            }
        }
        return null;
    }

    /** {@code iw dev}: the first "ssid NAME" line. */
    static String parseIwDev(String text) {
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.startsWith("ssid ")) return t.substring(5).trim();
        }
        return null;
    }

    private static final Pattern NETSH_SSID = Pattern.compile("(?m)^\\s*SSID\\s*:\\s*(.+?)\\s*$");

    /** {@code netsh wlan show interfaces}: the "SSID : name" line (not BSSID). */
    static String parseNetshSsid(String text) {
        Matcher m = NETSH_SSID.matcher(text.replace("\r", ""));
        return m.find() ? m.group(1) : null;
    }

    /** {@code networksetup -getairportnetwork en0}: "Current Wi-Fi Network: NAME". */
    static String parseMacSsid(String text) {
        int i = text.indexOf("Network:");
        if (i < 0) return null;
        String s = text.substring(i + 8).trim();
        return s.isEmpty() ? null : s;
    }

    /** {@code route -n get default}: "gateway: x" and "interface: en0". */
    static List<NetworkSnapshot.Route> parseMacRoute(String text) {
        String gw = null, iface = null;
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.startsWith("gateway:")) gw = t.substring(8).trim();
            if (t.startsWith("interface:")) iface = t.substring(10).trim();
        }
        return iface == null ? List.of() : List.of(new NetworkSnapshot.Route(iface, gw, false));
    }

    private static final Pattern WIN_ROUTE =
            Pattern.compile("(?m)^\\s*0\\.0\\.0\\.0\\s+0\\.0\\.0\\.0\\s+(\\S+)\\s+(\\S+)\\s+\\d+\\s*$");

    /** {@code route print -4 0.0.0.0}: "0.0.0.0 0.0.0.0 GATEWAY INTERFACE-IP METRIC". */
    static List<NetworkSnapshot.Route> parseWindowsRoutes(String text) {
        List<NetworkSnapshot.Route> out = new ArrayList<>();
        Matcher m = WIN_ROUTE.matcher(text.replace("\r", ""));
        while (m.find()) {
            String gw = m.group(1);
            out.add(new NetworkSnapshot.Route(m.group(2), gw.equalsIgnoreCase("On-link") ? null : gw, false));
        }
        return out;
    }
}
