package io.captivewatch.desktop.login;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoginClassCacheTest {
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(LoginClassCache.CACHE_DIR_PROPERTY);
        System.clearProperty(LoginClassCache.ENABLED_PROPERTY);
    }

    private String classPath() throws Exception {
        Path a = Files.write(dir.resolve("app.jar"), new byte[] {1, 2, 3});
        Path b = Files.write(dir.resolve("lib.jar"), new byte[] {4, 5});
        return a + java.io.File.pathSeparator + b;
    }

    @Test
    void recordsOnceThenUsesTheArchiveOnlyAfterARecordingProcessEndedWell() throws Exception {
        Path cache = dir.resolve("cache");
        System.setProperty(LoginClassCache.CACHE_DIR_PROPERTY, cache.toString());
        String cp = classPath();

        List<String> first = LoginClassCache.jvmOptions(cp);
        assertThat(first).anySatisfy(o -> assertThat(o).startsWith("-XX:ArchiveClassesAtExit=" + cache));
        Path recording = Path.of(first.get(0).substring("-XX:ArchiveClassesAtExit=".length()));

        Files.write(recording, new byte[] {9}); // what the JVM writes as it exits
        LoginClassCache.adopt(List.of("java", first.get(0), "-cp", cp), 1); // it failed: never used
        assertThat(recording).doesNotExist();
        assertThat(LoginClassCache.jvmOptions(cp).get(0)).as("still recording").startsWith("-XX:ArchiveClassesAtExit=");

        Files.write(recording, new byte[] {9});
        LoginClassCache.adopt(List.of("java", first.get(0), "-cp", cp), 0);
        assertThat(recording).doesNotExist();
        List<String> next = LoginClassCache.jvmOptions(cp);
        assertThat(next).singleElement().asString().startsWith("-XX:SharedArchiveFile=" + cache);
        assertThat(Path.of(next.get(0).substring("-XX:SharedArchiveFile=".length()))).exists();
    }

    @Test
    void aChangedJarOrRuntimeGetsAnotherArchiveName() throws Exception {
        String cp = classPath();
        String before = LoginClassCache.key(cp);
        assertThat(LoginClassCache.key(cp)).isEqualTo(before);
        Files.setLastModifiedTime(dir.resolve("lib.jar"), FileTime.fromMillis(0));
        assertThat(LoginClassCache.key(cp)).isNotEqualTo(before);
    }

    @Test
    void offForDirectoriesOnTheClassPathAndWhenSwitchedOff() throws Exception {
        System.setProperty(LoginClassCache.CACHE_DIR_PROPERTY, dir.resolve("cache").toString());
        assertThat(LoginClassCache.jvmOptions(classPath() + java.io.File.pathSeparator + dir)).isEmpty();
        System.setProperty(LoginClassCache.ENABLED_PROPERTY, "false");
        assertThat(LoginClassCache.jvmOptions(classPath())).isEmpty();
    }

    @Test
    void onlyWithARuntimeThatHasItsBaseArchive() throws Exception {
        assertThat(LoginClassCache.hasBaseArchive(dir)).isFalse();
        Files.createDirectories(dir.resolve("lib/server"));
        Files.write(dir.resolve("lib/server/classes.jsa"), new byte[] {1});
        assertThat(LoginClassCache.hasBaseArchive(dir)).isTrue();
    }

    @Test
    void theCacheFolderFollowsEachOs() {
        assertThat(LoginClassCache.cacheDir("Linux", Map.of(), "/home/u")).contains(Path.of("/home/u/.cache/captivewatch"));
        assertThat(LoginClassCache.cacheDir("Linux", Map.of("XDG_CACHE_HOME", "/x"), "/home/u")).contains(Path.of("/x/captivewatch"));
        assertThat(LoginClassCache.cacheDir("Linux", Map.of("XDG_CACHE_HOME", "rel"), "/home/u")).contains(Path.of("/home/u/.cache/captivewatch"));
        assertThat(LoginClassCache.cacheDir("Mac OS X", Map.of(), "/Users/u")).contains(Path.of("/Users/u/Library/Caches/CaptiveWatch"));
        assertThat(LoginClassCache.cacheDir("Windows 11", Map.of("LOCALAPPDATA", "C:\\Users\\u\\AppData\\Local"), "C:\\Users\\u"))
                .contains(Path.of("C:\\Users\\u\\AppData\\Local", "CaptiveWatch", "cache"));
        assertThat(LoginClassCache.cacheDir("Linux", Map.of(), null)).isEmpty();
    }
}
