package io.captivewatch.core.capport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The interfaces carrying an IPv4 default route, from /proc/net/route (per network namespace). */
final class LinuxRoutes {
    private LinuxRoutes() {}

    static List<String> defaultInterfaces() {
        try {
            return parse(Files.readString(Path.of("/proc/net/route"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Parses /proc/net/route: rows with destination 00000000 and mask 00000000. */
    static List<String> parse(String table) {
        List<String> out = new ArrayList<>();
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length >= 8 && f[1].equals("00000000") && f[7].equals("00000000") && !out.contains(f[0])) out.add(f[0]);
        }
        return out;
    }
}
