package io.captivewatch.core.settings;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import io.captivewatch.core.os.FileMoves;
import io.captivewatch.core.url.SafeUrl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@code settings.json} in one directory. Loading never fails: a missing file gives the
 * defaults; a corrupt, unreadable or oversized file (or a directory in its place) is moved aside to
 * {@code settings.json.corrupt-<time>} and the defaults are used, with a message saying so. A value that is out
 * of range or unusable (a probe URL {@link SafeUrl} refuses, a probe entry that is not a string) is adjusted or
 * dropped with a message naming it, and the rest of the file is kept. Saving is atomic
 * (temp file in the same directory, fsync, atomic rename), so a crash leaves the old or the new file, never a mix.
 */
public final class SettingsStore {
    public static final String FILE_NAME = "settings.json";
    /** Larger files are not read (they are moved aside as corrupt). */
    public static final int MAX_BYTES = 1 << 20;
    private static final String TEMP_PREFIX = ".settings-";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final Gson READ = new GsonBuilder().setStrictness(Strictness.STRICT).create();
    private static final Gson WRITE = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path dir;
    private final Object saveLock = new Object();

    /** The result of {@link #load()}: settings to use, and a message for people when something was wrong. */
    public record Load(Settings settings, Optional<String> problem) {}

    public SettingsStore(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path dir() {
        return dir;
    }

    public Path file() {
        return dir.resolve(FILE_NAME);
    }

    /**
     * The per-user config directory: {@code $XDG_CONFIG_HOME/captivewatch} (else {@code ~/.config/captivewatch})
     * on Linux, {@code %APPDATA%\CaptiveWatch} on Windows, {@code ~/Library/Application Support/CaptiveWatch} on macOS.
     */
    public static Path defaultDir() {
        return defaultDir(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home", "."));
    }

    static Path defaultDir(String osName, Map<String, String> env, String home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            if (appData != null && !appData.isBlank()) return Path.of(appData, "CaptiveWatch");
            return Path.of(home, "AppData", "Roaming", "CaptiveWatch");
        }
        if (os.startsWith("mac") || os.contains("darwin")) {
            return Path.of(home, "Library", "Application Support", "CaptiveWatch");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "captivewatch");
        return Path.of(home, ".config", "captivewatch");
    }

    /** Loads the settings; never throws for a bad file (see the class comment). */
    public Load load() {
        Path file = file();
        cleanStaleTemps();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Load(Settings.defaults(), Optional.empty());
        }
        if (Files.isDirectory(file)) {
            return corrupt(file, "is a directory, not a file");
        }
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) return corrupt(file, "is larger than " + MAX_BYTES + " bytes");
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return corrupt(file, "is not UTF-8 text");
        } catch (IOException e) {
            return corrupt(file, "could not be read (" + describe(e) + ")");
        }
        Raw raw;
        try {
            raw = READ.fromJson(text, Raw.class);
        } catch (JsonParseException | IllegalStateException | ClassCastException | NumberFormatException e) {
            return corrupt(file, "is not valid settings JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (raw == null) return corrupt(file, "is empty");
        List<String> notes = new ArrayList<>();
        Settings s = raw.toSettings(notes);
        return new Load(s, notes.isEmpty() ? Optional.empty()
                : Optional.of("Settings in " + file + " were adjusted: " + String.join("; ", notes)));
    }

    /**
     * Writes the settings atomically: a temp file in the same directory, fsync, then an atomic rename over
     * {@code settings.json} (a plain replacing move where the file system cannot rename atomically).
     */
    public void save(Settings settings) throws IOException {
        byte[] bytes = (WRITE.toJson(settings) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (saveLock) {
            FileMoves.writeAtomically(file(), bytes, TEMP_PREFIX, TEMP_SUFFIX);
        }
    }

    /** Temp files left by a save that was killed midway; anything older than a minute is garbage. */
    private void cleanStaleTemps() {
        if (!Files.isDirectory(dir)) return;
        Instant cutoff = Instant.now().minus(Duration.ofMinutes(1));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            int n = 0;
            for (Path p : ds) {
                if (++n > 1000) break;
                FileTime t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
                if (t.toInstant().isBefore(cutoff) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }

    private Load corrupt(Path file, String why) {
        String problem;
        Path aside = dir.resolve(FILE_NAME + ".corrupt-" + STAMP.format(Instant.now()));
        for (int i = 1; Files.exists(aside, LinkOption.NOFOLLOW_LINKS) && i < 100; i++) {
            aside = dir.resolve(FILE_NAME + ".corrupt-" + STAMP.format(Instant.now()) + "-" + i);
        }
        try {
            Files.move(file, aside);
            problem = "The settings file " + file + " " + why + "; it was moved to " + aside
                    + " and the default settings are used.";
        } catch (IOException | RuntimeException e) {
            problem = "The settings file " + file + " " + why + " and could not be moved aside (" + describe(e)
                    + "); the default settings are used.";
        }
        return new Load(Settings.defaults(), Optional.of(problem));
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m));
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** What the file holds, before validation (boxed so that missing fields can be told apart). */
    private static final class Raw {
        JsonElement probes; // read leniently: one bad entry must not make the whole file "corrupt"
        Integer onlineIntervalSeconds;
        Integer captiveIntervalSeconds;
        Integer offlineBackoffMaxSeconds;
        PopupBehaviour popup;
        Map<String, NetworkPrefs> networks;
        Boolean startAtLogin;
        String language;

        Settings toSettings(List<String> notes) {
            Settings d = Settings.defaults();
            List<String> keep = new ArrayList<>();
            if (probes != null && !probes.isJsonNull()) {
                if (!probes.isJsonArray()) {
                    notes.add("\"probes\" is not a list of URLs (" + SafeUrl.shown(probes.toString())
                            + "), so the built-in probes are used");
                } else {
                    for (JsonElement e : probes.getAsJsonArray()) {
                        if (keep.size() >= Settings.MAX_PROBES) {
                            notes.add("only the first " + Settings.MAX_PROBES + " probe URLs are used");
                            break;
                        }
                        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                            notes.add("probe URL dropped: " + SafeUrl.shown(e.toString()) + " is not a string");
                            continue;
                        }
                        String p = e.getAsString();
                        try {
                            io.captivewatch.core.probe.ProbeSpec.parse(p); // the rule applied when they are used
                            keep.add(p.strip());
                        } catch (IllegalArgumentException bad) {
                            Optional<String> problem = SafeUrl.problem(p.strip().split("\\s+", 2)[0]);
                            notes.add(problem.isPresent()
                                    ? "probe URL dropped: '" + SafeUrl.shown(p.strip()) + "' " + problem.get()
                                    : "probe dropped: '" + SafeUrl.shown(p.strip()) + "' (" + bad.getMessage() + ")");
                        }
                    }
                }
            }
            int online = range("onlineIntervalSeconds", onlineIntervalSeconds, d.onlineIntervalSeconds(),
                    Settings.MIN_ONLINE_INTERVAL, Settings.MAX_ONLINE_INTERVAL, notes);
            int captive = range("captiveIntervalSeconds", captiveIntervalSeconds, d.captiveIntervalSeconds(),
                    Settings.MIN_CAPTIVE_INTERVAL, Settings.MAX_CAPTIVE_INTERVAL, notes);
            int backoff = range("offlineBackoffMaxSeconds", offlineBackoffMaxSeconds, d.offlineBackoffMaxSeconds(),
                    Settings.MIN_OFFLINE_BACKOFF_MAX, Settings.MAX_OFFLINE_BACKOFF_MAX, notes);
            return new Settings(keep, online, captive, backoff, popup == null ? d.popup() : popup,
                    networks == null ? Map.of() : networks, startAtLogin == null ? d.startAtLogin() : startAtLogin,
                    language(notes));
        }

        /** The language tag, if CaptiveWatch ships it; else "" (the system's) with a note. */
        private String language(List<String> notes) {
            if (language == null || language.isBlank()) return "";
            if (io.captivewatch.core.i18n.Languages.parse(language).isEmpty()) {
                notes.add("language '" + SafeUrl.shown(language) + "' is not one CaptiveWatch speaks, so the system's is used");
                return "";
            }
            return language.strip();
        }

        private static int range(String name, Integer v, int dflt, int min, int max, List<String> notes) {
            if (v == null) return dflt;
            if (v < min || v > max) {
                int c = Settings.clamp(v, min, max);
                notes.add(name + " " + v + " is outside " + min + ".." + max + ", using " + c);
                return c;
            }
            return v;
        }
    }
}
