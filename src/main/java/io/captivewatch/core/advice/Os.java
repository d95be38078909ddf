package io.captivewatch.core.advice;

import java.util.Locale;

/** Operating-system flavour, for OS-specific advice and config locations. */
public enum Os {
    LINUX, MACOS, WINDOWS;

    public static Os current() {
        return fromName(System.getProperty("os.name", ""));
    }

    public static Os fromName(String osName) {
        String n = osName.toLowerCase(Locale.ROOT);
        if (n.contains("win")) return WINDOWS;
        if (n.contains("mac") || n.contains("darwin")) return MACOS;
        return LINUX;
    }
}
