package io.captivewatch.core.capport;

import io.captivewatch.core.network.ProcRoutes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads option 114 as busybox udhcpc received it. udhcpc keeps no lease file; its event script does the
 * work. CaptiveWatch ships that script as the resource {@value #HOOK_RESOURCE}: run udhcpc with
 * {@code -O 114 -s udhcpc-captivewatch.sh} (or call the script from your own) and it writes
 * {@code <dir>/<interface>.lease} with {@code key=value} lines ({@code interface=}, {@code opt114=} the
 * raw hex udhcpc passes, {@code dns=} the DNS servers the network handed out, {@code updated=} epoch seconds) on bound/renew and deletes it on deconfig.
 * The directory is {@value #DEFAULT_DIR} unless system property {@value #DIR_PROPERTY} or environment
 * variable {@value #DIR_ENV} says otherwise (the script reads the same variable).
 */
public final class UdhcpcLeaseDiscovery implements LeaseSource {
    /** Where the hook writes by default. */
    public static final String DEFAULT_DIR = "/run/captivewatch/dhcp";
    /** System property overriding the directory. */
    public static final String DIR_PROPERTY = "captivewatch.udhcpc.dir";
    /** Environment variable overriding the directory (the hook script honours it too). */
    public static final String DIR_ENV = "CAPTIVEWATCH_UDHCPC_DIR";
    /** The classpath resource holding the udhcpc event script. */
    public static final String HOOK_RESOURCE = "/io/captivewatch/core/capport/udhcpc-captivewatch.sh";

    private static final int MAX_FILE = 16 * 1024;

    private final Path dir;
    private final java.util.function.BiPredicate<String, String> leaseIsCurrent;
    private final java.util.function.Supplier<List<String>> defaultInterfaces;

    /** Reads hook files in {@code dir}, preferring the default-route interface of this network namespace. */
    public UdhcpcLeaseDiscovery(Path dir) {
        this(dir, UdhcpcLeaseDiscovery::interfaceHasAddress, ProcRoutes::ipv4DefaultInterfaces);
    }

    /**
     * @param leaseIsCurrent (interface, leased ip or "") -> whether that lease still applies here; a file is
     *                       ignored otherwise (a stale file, or one written in another network namespace)
     */
    UdhcpcLeaseDiscovery(Path dir, java.util.function.BiPredicate<String, String> leaseIsCurrent,
                         java.util.function.Supplier<List<String>> defaultInterfaces) {
        this.dir = dir;
        this.leaseIsCurrent = leaseIsCurrent;
        this.defaultInterfaces = defaultInterfaces;
    }

    /** The directory from {@value #DIR_PROPERTY}, {@value #DIR_ENV}, else {@value #DEFAULT_DIR}. */
    public static Path configuredDir() {
        String p = System.getProperty(DIR_PROPERTY);
        if (p == null || p.isBlank()) p = System.getenv(DIR_ENV);
        return Path.of(p == null || p.isBlank() ? DEFAULT_DIR : p);
    }

    @Override
    public List<Lease> leases() {
        if (!Files.isDirectory(dir)) return List.of();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.lease")) {
            for (Path p : ds) {
                files.add(p);
                if (files.size() > 64) break;
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        List<String> preferred = defaultInterfaces.get();
        files.sort(Comparator.comparingInt((Path p) -> {
            int i = preferred.indexOf(ifaceOf(p));
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(UdhcpcLeaseDiscovery::mtime, Comparator.reverseOrder()));
        List<Lease> out = new ArrayList<>();
        for (Path f : files) readLease(f, ifaceOf(f), leaseIsCurrent).ifPresent(out::add);
        return out;
    }

    /** Parses one hook file's API URI. */
    static Optional<DiscoveredUri> read(Path f, String iface, java.util.function.BiPredicate<String, String> leaseIsCurrent) {
        return readLease(f, iface, leaseIsCurrent).flatMap(Lease::portalApi);
    }

    /** Parses one hook file: the API URI ({@code opt114=}) and the DNS servers ({@code dns=}); empty if stale. */
    static Optional<Lease> readLease(Path f, String iface, java.util.function.BiPredicate<String, String> leaseIsCurrent) {
        String text;
        try {
            if (Files.size(f) > MAX_FILE) return Optional.empty();
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Map<String, String> kv = parse(text);
        if (!leaseIsCurrent.test(iface, kv.getOrDefault("ip", ""))) return Optional.empty();
        String v = kv.get("opt114");
        Optional<DiscoveredUri> api = Optional.empty();
        if (v != null && !v.isBlank()) {
            Option114.Decoded d = Option114.fromAny(v);
            api = d.uri().map(u -> new DiscoveredUri(u, "DHCP option 114 via udhcpc hook file " + f, d.warnings()));
        }
        return Optional.of(new Lease(api, Lease.addresses(kv.get("dns")), "udhcpc hook file " + f));
    }

    /** Whether {@code iface} exists in this network namespace and (if {@code ip} is given) carries that address. */
    static boolean interfaceHasAddress(String iface, String ip) {
        try {
            java.net.NetworkInterface ni = java.net.NetworkInterface.getByName(iface);
            if (ni == null) return false;
            if (ip.isEmpty()) return true;
            return java.util.Collections.list(ni.getInetAddresses()).stream().anyMatch(a -> a.getHostAddress().equals(ip));
        } catch (java.net.SocketException | RuntimeException e) {
            return false;
        }
    }

    static Map<String, String> parse(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("#")) continue;
            kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        return kv;
    }

    private static String ifaceOf(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.length() - ".lease".length());
    }

    private static long mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
