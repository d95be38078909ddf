package io.captivewatch.core.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The DNS servers the system resolver asks: the {@code nameserver} lines of {@code /etc/resolv.conf}. */
public final class ResolvConf {
    public static final Path DEFAULT = Path.of("/etc/resolv.conf");

    private ResolvConf() {}

    /** The servers in {@link #DEFAULT} (empty when there is no such file, e.g. on Windows). */
    public static List<String> systemServers() {
        return read(DEFAULT);
    }

    static List<String> read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 64 * 1024) return List.of();
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver") && !out.contains(f[1]) && out.size() < 8) out.add(f[1]);
        }
        return out;
    }
}
