package io.captivewatch.core.capport;

import io.captivewatch.core.network.ProcRoutes;
import io.captivewatch.core.os.CommandRunner;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * systemd-networkd: {@code networkctl status --json=short} (a "CaptivePortal" field per link, systemd 254+),
 * else the "Captive Portal:" line of {@code networkctl status IFACE} for each default-route interface, else its
 * lease files ({@value #LEASE_DIR}: {@code CAPTIVE_PORTAL=}, and {@code DNS=} the servers DHCP handed out).
 */
public final class NetworkdDiscovery implements LeaseSource {
    /** Where systemd-networkd keeps its DHCPv4 leases (one file per interface index, {@code KEY=value} lines). */
    public static final java.nio.file.Path LEASE_DIR = java.nio.file.Path.of("/run/systemd/netif/leases");
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern TEXT_LINE = Pattern.compile("(?im)^\\s*Captive\\s*Portal:\\s*(\\S+)\\s*$");

    private final CommandRunner runner;
    private final Supplier<List<String>> defaultInterfaces;
    private final java.nio.file.Path leaseDir;

    /** Asks networkctl through {@code runner}, preferring this namespace's default-route interfaces. */
    public NetworkdDiscovery(CommandRunner runner) {
        this(runner, ProcRoutes::ipv4DefaultInterfaces, LEASE_DIR);
    }

    NetworkdDiscovery(CommandRunner runner, Supplier<List<String>> defaultInterfaces) {
        this(runner, defaultInterfaces, LEASE_DIR);
    }

    NetworkdDiscovery(CommandRunner runner, Supplier<List<String>> defaultInterfaces, java.nio.file.Path leaseDir) {
        this.runner = runner;
        this.defaultInterfaces = defaultInterfaces;
        this.leaseDir = leaseDir;
    }

    /** The lease files, default-route interfaces first (files are named by interface index). */
    @Override
    public List<Lease> leases() {
        if (!java.nio.file.Files.isDirectory(leaseDir)) return List.of();
        List<String> ifaces = defaultInterfaces.get();
        List<Integer> preferred = new ArrayList<>();
        for (String i : ifaces) {
            try {
                java.net.NetworkInterface ni = java.net.NetworkInterface.getByName(i);
                if (ni != null) preferred.add(ni.getIndex());
            } catch (java.net.SocketException | RuntimeException e) {
                // unknown here
            }
        }
        List<java.nio.file.Path> files = new ArrayList<>();
        try (var ds = java.nio.file.Files.newDirectoryStream(leaseDir)) {
            for (java.nio.file.Path f : ds) {
                if (files.size() < 64 && f.getFileName().toString().matches("\\d+")) files.add(f);
            }
        } catch (java.io.IOException | RuntimeException e) {
            return List.of();
        }
        files.sort(java.util.Comparator.comparingInt(f -> {
            int i = preferred.indexOf(Integer.parseInt(f.getFileName().toString()));
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        List<Lease> out = new ArrayList<>();
        for (java.nio.file.Path f : files) {
            try {
                if (java.nio.file.Files.size(f) > 64 * 1024) continue;
                out.add(fromLeaseFile(java.nio.file.Files.readString(f), f.toString()));
            } catch (java.io.IOException | RuntimeException e) {
                // skip it
            }
        }
        return out;
    }

    /** One networkd lease file: {@code CAPTIVE_PORTAL=} and {@code DNS=}. */
    static Lease fromLeaseFile(String text, String file) {
        Optional<DiscoveredUri> api = Optional.empty();
        List<String> dns = List.of();
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("DNS=")) dns = Lease.addresses(line.substring(4));
            if (line.startsWith("CAPTIVE_PORTAL=") && api.isEmpty()) {
                Option114.Decoded d = Option114.fromText(line.substring("CAPTIVE_PORTAL=".length()).trim());
                api = d.uri().map(u -> new DiscoveredUri(u, "systemd-networkd lease " + file, d.warnings()));
            }
        }
        return new Lease(api, dns, "systemd-networkd lease " + file);
    }

    @Override
    public Optional<DiscoveredUri> discover() {
        List<String> ifaces = defaultInterfaces.get();
        CommandRunner.Result json = runner.run(List.of("networkctl", "status", "--json=short"), TIMEOUT);
        if (json.commandNotFound()) return LeaseSource.super.discover(); // no networkctl: no use asking per interface
        if (json.ok()) {
            Optional<DiscoveredUri> d = fromJson(json.stdout(), ifaces);
            if (d.isPresent()) return d;
        }
        for (String iface : ifaces) {
            CommandRunner.Result text = runner.run(List.of("networkctl", "status", "--no-pager", iface), TIMEOUT);
            if (!text.ok()) continue;
            Optional<DiscoveredUri> d = fromText(text.stdout(), "networkctl status " + iface);
            if (d.isPresent()) return d;
        }
        return LeaseSource.super.discover();
    }

    /** The "Captive Portal:" line of {@code networkctl status} text. */
    static Optional<DiscoveredUri> fromText(String out, String what) {
        Matcher m = TEXT_LINE.matcher(out);
        while (m.find()) {
            Option114.Decoded d = Option114.fromText(m.group(1));
            if (d.uri().isPresent()) return Optional.of(new DiscoveredUri(d.uri().get(), "systemd-networkd (" + what + ")", d.warnings()));
        }
        return Optional.empty();
    }

    /** Any "CaptivePortal" string in the JSON, preferring the object whose "Name" is a default-route interface. */
    static Optional<DiscoveredUri> fromJson(String out, List<String> preferred) {
        JsonElement root;
        try {
            root = JsonParser.parseString(out);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        List<String[]> found = new ArrayList<>(); // {name, uri}
        collect(root, null, found, 0);
        found.sort(java.util.Comparator.comparingInt(f -> {
            int i = preferred.indexOf(f[0]);
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        for (String[] f : found) {
            Option114.Decoded d = Option114.fromText(f[1]);
            if (d.uri().isPresent()) {
                String what = "networkctl status --json" + (f[0] == null ? "" : ", link " + f[0]);
                return Optional.of(new DiscoveredUri(d.uri().get(), "systemd-networkd (" + what + ")", d.warnings()));
            }
        }
        return Optional.empty();
    }

    private static void collect(JsonElement e, String name, List<String[]> out, int depth) {
        if (depth > 32 || out.size() > 64) return;
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            String here = name;
            JsonElement n = o.get("Name");
            if (n != null && n.isJsonPrimitive()) here = n.getAsString();
            for (Map.Entry<String, JsonElement> en : o.entrySet()) {
                if (en.getKey().equalsIgnoreCase("CaptivePortal") && en.getValue().isJsonPrimitive()) {
                    out.add(new String[] {here, en.getValue().getAsString()});
                } else {
                    collect(en.getValue(), here, out, depth + 1);
                }
            }
        } else if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (JsonElement x : a) collect(x, name, out, depth + 1);
        }
    }
}
