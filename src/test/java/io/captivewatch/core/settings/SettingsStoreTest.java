package io.captivewatch.core.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SettingsStoreTest {
    @TempDir
    Path dir;

    SettingsStore store() {
        return new SettingsStore(dir);
    }

    List<Path> corruptFiles() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("settings.json.corrupt-")).toList();
        }
    }

    @Test
    void missingFileGivesDefaultsWithoutAProblem() {
        SettingsStore.Load l = new SettingsStore(dir.resolve("does/not/exist")).load();
        assertThat(l.settings()).isEqualTo(Settings.defaults());
        assertThat(l.problem()).isEmpty();
    }

    @Test
    void defaultsAreAsDocumented() {
        Settings d = Settings.defaults();
        assertThat(d.probes()).isEmpty();
        assertThat(d.onlineIntervalSeconds()).isEqualTo(300);
        assertThat(d.captiveIntervalSeconds()).isEqualTo(3);
        assertThat(d.offlineBackoffMaxSeconds()).isEqualTo(60);
        assertThat(d.popup()).isEqualTo(PopupBehaviour.OPEN_AUTOMATICALLY);
        assertThat(d.networks()).isEmpty();
        assertThat(d.startAtLogin()).isTrue();
    }

    @Test
    void saveThenLoadRoundTrips() throws Exception {
        Settings s = Settings.defaults().withProbes(List.of("http://127.0.0.1:8080/generate_204", "https://example.test/x"))
                .withOnlineIntervalSeconds(120).withCaptiveIntervalSeconds(5).withOfflineBackoffMaxSeconds(30)
                .withPopup(PopupBehaviour.ASK).withStartAtLogin(false)
                .withNetwork("ssid:Hotel \"Guest\" ☕", new NetworkPrefs(true, false))
                .withNetwork("if:eth0/gw:10.0.0.1", new NetworkPrefs(false, true));
        store().save(s);
        SettingsStore.Load l = store().load();
        assertThat(l.problem()).isEmpty();
        assertThat(l.settings()).isEqualTo(s);
        store().save(s.withPopup(PopupBehaviour.NEVER));
        assertThat(store().load().settings().popup()).isEqualTo(PopupBehaviour.NEVER);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.json");
        }
    }

    @Test
    void missingFieldsTakeDefaults() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"popup\":\"NEVER\"}");
        SettingsStore.Load l = store().load();
        assertThat(l.problem()).isEmpty();
        assertThat(l.settings()).isEqualTo(Settings.defaults().withPopup(PopupBehaviour.NEVER));
        assertThat(l.settings().startAtLogin()).isTrue();
    }

    @Test
    void corruptJsonIsMovedAsideAndDefaultsUsed() throws Exception {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"onlineIntervalSeconds\": 120, \"probes\": [\"http://a");
        SettingsStore.Load l = store().load();
        assertThat(l.settings()).isEqualTo(Settings.defaults());
        List<Path> aside = corruptFiles();
        assertThat(aside).hasSize(1);
        assertThat(Files.readString(aside.get(0))).startsWith("{\"onlineIntervalSeconds\": 120");
        assertThat(l.problem()).hasValueSatisfying(p -> assertThat(p).contains(aside.get(0).toString()).contains("default"));
        assertThat(f).doesNotExist();
        // a second load is clean
        assertThat(store().load().problem()).isEmpty();
    }

    @Test
    void wrongTypesAreCorrupt() throws Exception {
        for (String bad : List.of("{\"onlineIntervalSeconds\":\"soon\"}", "[1,2]", "\"text\"", "", "null",
                "{\"networks\": [1]}", "{\"startAtLogin\": {}}", "{} trailing")) {
            Files.writeString(dir.resolve("settings.json"), bad);
            SettingsStore.Load l = store().load();
            assertThat(l.settings()).as(bad).isEqualTo(Settings.defaults());
            assertThat(l.problem()).as(bad).isPresent();
            assertThat(dir.resolve("settings.json")).as(bad).doesNotExist();
        }
        assertThat(corruptFiles()).hasSize(8);
    }

    @Test
    void binaryGarbageAndOversizedFilesAreCorrupt() throws Exception {
        Files.write(dir.resolve("settings.json"), new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertThat(store().load().problem()).hasValueSatisfying(p -> assertThat(p).contains("UTF-8"));
        byte[] big = new byte[SettingsStore.MAX_BYTES + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        Files.write(dir.resolve("settings.json"), big);
        assertThat(store().load().problem()).hasValueSatisfying(p -> assertThat(p).contains("larger"));
        assertThat(corruptFiles()).hasSize(2);
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsMovedAside() throws Exception {
        Files.createDirectories(dir.resolve("settings.json/sub"));
        SettingsStore.Load l = store().load();
        assertThat(l.settings()).isEqualTo(Settings.defaults());
        assertThat(l.problem()).hasValueSatisfying(p -> assertThat(p).contains("directory").contains("corrupt-"));
        assertThat(corruptFiles()).hasSize(1);
        assertThat(Files.isDirectory(corruptFiles().get(0).resolve("sub"))).isTrue();
        store().save(Settings.defaults().withPopup(PopupBehaviour.ASK)); // and saving works again
        assertThat(store().load().settings().popup()).isEqualTo(PopupBehaviour.ASK);
    }

    @Test
    void anUnreadableFileIsMovedAside() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX permissions");
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{}");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        SettingsStore.Load l = store().load();
        assertThat(l.settings()).isEqualTo(Settings.defaults());
        if (Files.isReadable(f) || "root".equals(System.getProperty("user.name"))) {
            // root reads anything: then the file is fine and simply loads
            assertThat(l.problem()).isEmpty();
        } else {
            assertThat(l.problem()).hasValueSatisfying(p -> assertThat(p).contains("could not be read").contains("corrupt-"));
            assertThat(corruptFiles()).hasSize(1);
        }
    }

    @Test
    void anUnmovableBadFileStillGivesDefaultsAndSaysSo() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX permissions");
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root can rename in a read-only directory");
        Files.writeString(dir.resolve("settings.json"), "garbage");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            SettingsStore.Load l = store().load();
            assertThat(l.settings()).isEqualTo(Settings.defaults());
            assertThat(l.problem()).hasValueSatisfying(p -> assertThat(p).contains("could not be moved aside"));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void absurdValuesAreClampedAndBadProbesDroppedWithAMessage() throws Exception {
        Files.writeString(dir.resolve("settings.json"), """
                {"probes": ["http://127.0.0.1/generate_204", "file:///etc/passwd", "javascript:alert(1)", "ftp://x/y",
                            "https://ok.test/gen_204", "not a url", null, "http://"],
                 "onlineIntervalSeconds": 1, "captiveIntervalSeconds": 999999, "offlineBackoffMaxSeconds": -5,
                 "popup": "SOMETHING_ELSE", "networks": {"ssid:A": {"neverPrompt": true}}}
                """);
        SettingsStore.Load l = store().load();
        Settings s = l.settings();
        assertThat(s.probes()).containsExactly("http://127.0.0.1/generate_204", "https://ok.test/gen_204");
        assertThat(s.onlineIntervalSeconds()).isEqualTo(Settings.MIN_ONLINE_INTERVAL);
        assertThat(s.captiveIntervalSeconds()).isEqualTo(Settings.MAX_CAPTIVE_INTERVAL);
        assertThat(s.offlineBackoffMaxSeconds()).isEqualTo(Settings.MIN_OFFLINE_BACKOFF_MAX);
        assertThat(s.popup()).isEqualTo(PopupBehaviour.OPEN_AUTOMATICALLY);
        assertThat(s.network("ssid:A")).isEqualTo(new NetworkPrefs(true, false));
        assertThat(l.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("file:///etc/passwd").contains("javascript:alert(1)").contains("onlineIntervalSeconds 1"));
        assertThat(corruptFiles()).as("adjusted, not corrupt").isEmpty();
    }

    /** Everything in the file but the bad probe URLs, as loaded. */
    static final String REST = """
            "onlineIntervalSeconds": 600, "captiveIntervalSeconds": 5, "offlineBackoffMaxSeconds": 120,
            "popup": "ASK", "networks": {"ssid:Hotel": {"alwaysOpen": true}}, "startAtLogin": false""";

    void assertRestKept(Settings s) {
        assertThat(s.onlineIntervalSeconds()).isEqualTo(600);
        assertThat(s.captiveIntervalSeconds()).isEqualTo(5);
        assertThat(s.offlineBackoffMaxSeconds()).isEqualTo(120);
        assertThat(s.popup()).isEqualTo(PopupBehaviour.ASK);
        assertThat(s.network("ssid:Hotel")).isEqualTo(new NetworkPrefs(false, true));
        assertThat(s.startAtLogin()).isFalse();
    }

    /** Issue #15: a probe entry may say its genuine answer, in the same words as --probe; a bad word drops only that probe. */
    @Test
    void probesWithTheirGenuineAnswerAreKeptAndBadOnesDropped() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"probes\": [\"http://fedoraproject.org/static/hotspot.txt prefix=OK\","
                + " \"http://127.0.0.1/x status=abc\"], " + REST + "}");
        SettingsStore.Load l = store().load();
        assertThat(l.settings().probes()).containsExactly("http://fedoraproject.org/static/hotspot.txt prefix=OK");
        assertRestKept(l.settings());
        assertThat(l.problem()).hasValueSatisfying(p -> assertThat(p).contains("probe dropped: 'http://127.0.0.1/x status=abc'")
                .contains("status must be 100..599"));
    }

    @Test
    void aProbeUrlWithUserInfoIsDroppedWithAClearMessageAndNothingElseIsLost() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"probes\": [\"http://user:secret@10.0.0.1/generate_204\","
                + " \"http://127.0.0.1/generate_204\", \"http:///no-host\", \"example.com/relative\"], " + REST + "}");
        SettingsStore.Load l = store().load();
        assertThat(l.settings().probes()).containsExactly("http://127.0.0.1/generate_204");
        assertRestKept(l.settings());
        assertThat(l.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("probe URL dropped: 'http://…@10.0.0.1/generate_204' contains a user name or password")
                .contains("'http:///no-host' has no host")
                .contains("'example.com/relative' is not an absolute URL")
                .doesNotContain("secret"));
        assertThat(corruptFiles()).isEmpty();
        assertThat(dir.resolve("settings.json")).exists();
    }

    @Test
    void probeEntriesThatAreNotStringsAreDroppedAndNothingElseIsLost() throws Exception {
        // these made the whole file "corrupt" (moved aside, every setting back to its default)
        Files.writeString(dir.resolve("settings.json"), "{\"probes\": [{\"url\": \"http://127.0.0.1/a\"}, 42, [\"x\"],"
                + " \"https://ok.test/gen_204\"], " + REST + "}");
        SettingsStore.Load l = store().load();
        assertThat(l.settings().probes()).containsExactly("https://ok.test/gen_204");
        assertRestKept(l.settings());
        assertThat(l.problem()).hasValueSatisfying(p -> assertThat(p).contains("{\"url\":\"http://127.0.0.1/a\"} is not a string")
                .contains("42 is not a string"));
        assertThat(corruptFiles()).isEmpty();

        Files.writeString(dir.resolve("settings.json"), "{\"probes\": \"http://127.0.0.1/generate_204\", " + REST + "}");
        l = store().load();
        assertThat(l.settings().probes()).isEmpty();
        assertRestKept(l.settings());
        assertThat(l.problem()).hasValueSatisfying(p -> assertThat(p).contains("\"probes\" is not a list of URLs"));
        assertThat(corruptFiles()).isEmpty();
    }

    @Test
    void recordConstructorClampsToo() {
        Settings s = new Settings(null, 0, 0, 0, null, null, false);
        assertThat(s.onlineIntervalSeconds()).isEqualTo(Settings.MIN_ONLINE_INTERVAL);
        assertThat(s.probes()).isEmpty();
        assertThat(s.networks()).isEmpty();
        assertThat(s.popup()).isEqualTo(PopupBehaviour.OPEN_AUTOMATICALLY);
        assertThatThrownBy(() -> s.networks().put("x", NetworkPrefs.NONE)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(s.withNetwork("k", new NetworkPrefs(true, false)).withNetwork("k", NetworkPrefs.NONE).networks()).isEmpty();
    }

    @Test
    void defaultDirPerOs() {
        assertThat(SettingsStore.defaultDir("Linux", Map.of("XDG_CONFIG_HOME", "/x/cfg"), "/home/u"))
                .isEqualTo(Path.of("/x/cfg/captivewatch"));
        assertThat(SettingsStore.defaultDir("Linux", Map.of("XDG_CONFIG_HOME", "relative"), "/home/u"))
                .isEqualTo(Path.of("/home/u/.config/captivewatch"));
        assertThat(SettingsStore.defaultDir("Linux", Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.config/captivewatch"));
        assertThat(SettingsStore.defaultDir("Mac OS X", Map.of(), "/Users/u"))
                .isEqualTo(Path.of("/Users/u/Library/Application Support/CaptiveWatch"));
        assertThat(SettingsStore.defaultDir("Windows 11", Map.of("APPDATA", "C:\\Users\\u\\AppData\\Roaming"), "C:\\Users\\u").toString())
                .endsWith("CaptiveWatch").contains("Roaming");
        assertThat(SettingsStore.defaultDir()).isAbsolute();
    }

    @Test
    void saveIntoAPathThatIsAFileFailsClearly() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        assertThatThrownBy(() -> new SettingsStore(notADir).save(Settings.defaults())).isInstanceOf(java.io.IOException.class);
    }

    /**
     * The real crash test: a child JVM saves in a tight loop and is killed with SIGKILL at several points;
     * every time, load() must give a complete generation (never partial, never corrupt).
     */
    @Test
    void killedMidSaveLeavesOldOrNewNeverPartial() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long lastGen = 0;
        for (int round = 0; round < 4; round++) {
            Process p = new ProcessBuilder(java, "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                    SaveLoop.class.getName(), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long seen = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                long target = 20 + round * 37L; // kill at different points
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                String line;
                while (seen < target && System.nanoTime() < deadline && (line = r.readLine()) != null) {
                    seen = Long.parseLong(line.substring("saved ".length()));
                }
                assertThat(seen).as("child made progress").isGreaterThanOrEqualTo(target);
                p.destroyForcibly();
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            SettingsStore.Load l = store().load();
            assertThat(l.problem()).as("round " + round).isEmpty();
            long gen = SaveLoop.generationOf(l.settings());
            assertThat(gen).as("complete generation in round " + round).isGreaterThanOrEqualTo(seen);
            lastGen = gen;
        }
        assertThat(lastGen).isPositive();
        assertThat(new File(dir.toFile(), "settings.json")).isFile();
    }
}
