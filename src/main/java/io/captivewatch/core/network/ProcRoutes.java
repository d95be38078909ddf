package io.captivewatch.core.network;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux default routes from {@code /proc/net/route} and {@code /proc/net/ipv6_route} (per network
 * namespace): the one parser of those files, for the network snapshots and for capport discovery's
 * "which interface is the network on". Reads no more than {@value #MAX_FILE} bytes of each; a missing or
 * unreadable file means no routes.
 */
public final class ProcRoutes {
    /** Where the kernel shows this namespace's tables. */
    public static final Path PROC_NET = Path.of("/proc/net");
    static final int MAX_FILE = 256 * 1024;

    private ProcRoutes() {}

    /** The IPv4 then IPv6 default routes in {@code procNet} ({@code route}, {@code ipv6_route}). */
    public static List<NetworkSnapshot.Route> read(Path procNet) {
        List<NetworkSnapshot.Route> routes = new ArrayList<>(parseIpv4(readFile(procNet.resolve("route"))));
        routes.addAll(parseIpv6(readFile(procNet.resolve("ipv6_route"))));
        return routes;
    }

    /** The interfaces carrying an IPv4 default route in this namespace, in table order, each once. */
    public static List<String> ipv4DefaultInterfaces() {
        return ipv4DefaultInterfaces(PROC_NET);
    }

    static List<String> ipv4DefaultInterfaces(Path procNet) {
        return parseIpv4(readFile(procNet.resolve("route"))).stream().map(NetworkSnapshot.Route::iface).distinct().toList();
    }

    /**
     * {@code /proc/net/route}: default routes (destination and mask 0, flag RTF_UP), gateway decoded from
     * the kernel's little-endian hex (null when 0: a point-to-point link). Header and garbage lines are skipped.
     */
    public static List<NetworkSnapshot.Route> parseIpv4(String text) {
        List<NetworkSnapshot.Route> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 8) continue;
            try {
                int flags = Integer.parseInt(f[3], 16);
                if (!f[1].equals("00000000") || !f[7].equals("00000000") || (flags & 0x1) == 0) continue;
                long gw = Long.parseLong(f[2], 16);
                String gateway = gw == 0 ? null : (gw & 0xff) + "." + ((gw >> 8) & 0xff) + "." + ((gw >> 16) & 0xff) + "." + ((gw >> 24) & 0xff);
                out.add(new NetworkSnapshot.Route(f[0], gateway, false));
            } catch (NumberFormatException e) {
                // skip garbage
            }
        }
        return out;
    }

    /** {@code /proc/net/ipv6_route}: ::/0 routes that are up and not reject routes (the kernel's "lo" entries). */
    public static List<NetworkSnapshot.Route> parseIpv6(String text) {
        List<NetworkSnapshot.Route> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) continue;
            try {
                if (!f[0].matches("0{32}") || !f[1].equals("00")) continue;
                long flags = Long.parseLong(f[8], 16);
                if ((flags & 0x1) == 0 || (flags & 0x200) != 0 || f[9].equals("lo")) continue;
                String gw = f[4].matches("0{32}") ? null : ipv6(f[4]);
                out.add(new NetworkSnapshot.Route(f[9], gw, true));
            } catch (NumberFormatException e) {
                // skip garbage
            }
        }
        return out;
    }

    private static String ipv6(String hex) {
        try {
            byte[] b = new byte[16];
            for (int i = 0; i < 16; i++) b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            String s = Inet6Address.getByAddress(b).getHostAddress();
            int pct = s.indexOf('%');
            return pct >= 0 ? s.substring(0, pct) : s;
        } catch (Exception e) {
            return hex;
        }
    }

    private static String readFile(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readNBytes(MAX_FILE), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
