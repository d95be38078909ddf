package io.captivewatch.core.capport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISC dhclient lease files ({@code *.leases}, {@code *.lease} in the given directories, newest first):
 * in the most recent lease block, {@code option captive-portal "..."} (when declared in dhclient.conf) or
 * {@code option unknown-114 "..."} / {@code option unknown-114 68:74:74:70:...} (undeclared); and
 * {@code option domain-name-servers a, b;} (the network's DNS servers).
 */
public final class DhclientLeaseDiscovery implements LeaseSource {
    private static final long MAX_FILE = 1024 * 1024;
    private static final Pattern OPTION = Pattern.compile(
            "(?i)\\boption\\s+(captive-portal|captive_portal|unknown-114|default-url-114|dhcp6\\.captive-portal|dhcp6\\.unknown-103)\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|[0-9a-fA-F:]+)\\s*;");

    private static final Pattern DNS = Pattern.compile("(?i)\\boption\\s+(?:dhcp6\\.)?(?:domain-name-servers|name-servers)\\s+([^;]*);");

    private final List<Path> dirs;

    /** Reads lease files in {@code dirs} (missing directories are skipped). */
    public DhclientLeaseDiscovery(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    @Override
    public List<Lease> leases() {
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) continue;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.{leases,lease}")) {
                for (Path p : ds) {
                    if (files.size() < 64) files.add(p);
                }
            } catch (IOException | RuntimeException e) {
                // unreadable directory: try the others
            }
        }
        files.sort(Comparator.comparingLong(DhclientLeaseDiscovery::mtime).reversed());
        List<Lease> out = new ArrayList<>();
        for (Path f : files) {
            try {
                if (Files.size(f) > MAX_FILE) continue;
                Lease l = parseLease(Files.readString(f, StandardCharsets.UTF_8), f.toString());
                if (l.portalApi().isPresent() || !l.dnsServers().isEmpty()) out.add(l);
            } catch (IOException | RuntimeException e) {
                // skip it
            }
        }
        return out;
    }

    /** The API URI in a lease file ({@link #parseLease}). */
    static Optional<DiscoveredUri> parse(String text, String fileName) {
        return parseLease(text, fileName).portalApi();
    }

    /** The API option and the DNS servers, each from the last lease block of the file that has it. */
    static Lease parseLease(String text, String fileName) {
        List<String> blocks = new ArrayList<>();
        int i = 0;
        while (true) {
            int start = text.indexOf("lease", i);
            if (start < 0) break;
            int end = text.indexOf('}', start);
            if (end < 0) end = text.length();
            blocks.add(text.substring(start, end));
            i = end + 1;
            if (i >= text.length()) break;
        }
        if (blocks.isEmpty()) blocks.add(text);
        List<String> dns = List.of();
        for (int b = blocks.size() - 1; b >= 0 && dns.isEmpty(); b--) {
            Matcher m = DNS.matcher(blocks.get(b));
            if (m.find()) dns = Lease.addresses(m.group(1));
        }
        String source = "dhclient lease " + fileName;
        for (int b = blocks.size() - 1; b >= 0; b--) {
            Matcher m = OPTION.matcher(blocks.get(b));
            while (m.find()) {
                String raw = m.group(2);
                Option114.Decoded d = raw.startsWith("\"")
                        ? Option114.fromText(unquote(raw))
                        : Option114.fromHex(raw);
                if (d.uri().isPresent()) {
                    return new Lease(Optional.of(new DiscoveredUri(d.uri().get(),
                            source + " (option " + m.group(1) + ")", d.warnings())), dns, source);
                }
            }
        }
        return new Lease(Optional.empty(), dns, source);
    }

    private static String unquote(String q) {
        String s = q.substring(1, q.length() - 1);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) c = s.charAt(++i);
            sb.append(c);
        }
        return sb.toString();
    }

    private static long mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
