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

class LoginCdsArchiveTest {
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(LoginCdsArchive.CACHE_DIR_PROPERTY);
        System.clearProperty(LoginCdsArchive.ENABLED_PROPERTY);
    }

    private String classPath() throws Exception {
        Path a = Files.write(dir.resolve("app.jar"), new byte[] {1, 2, 3});
        Path b = Files.write(dir.resolve("lib.jar"), new byte[] {4, 5});
        return a + java.io.File.pathSeparator + b;
    }

    @Test
    void recordsOnceThenUsesTheArchiveOnlyAfterARecordingProcessEndedWell() throws Exception {
        Path cache = dir.resolve("cache");
        System.setProperty(LoginCdsArchive.CACHE_DIR_PROPERTY, cache.toString());
        String cp = classPath();

        List<String> first = LoginCdsArchive.jvmOptions(cp);
        assertThat(first).anySatisfy(o -> assertThat(o).startsWith("-XX:ArchiveClassesAtExit=" + cache));
        Path recording = Path.of(first.get(0).substring("-XX:ArchiveClassesAtExit=".length()));

        Files.write(recording, new byte[] {9}); // what the JVM writes as it exits
        LoginCdsArchive.adopt(List.of("java", first.get(0), "-cp", cp), 1); // it failed: never used
        assertThat(recording).doesNotExist();
        assertThat(LoginCdsArchive.jvmOptions(cp).get(0)).as("still recording").startsWith("-XX:ArchiveClassesAtExit=");

        Files.write(recording, new byte[] {9});
        LoginCdsArchive.adopt(List.of("java", first.get(0), "-cp", cp), 0);
        assertThat(recording).doesNotExist();
        List<String> next = LoginCdsArchive.jvmOptions(cp);
        assertThat(next).singleElement().asString().startsWith("-XX:SharedArchiveFile=" + cache);
        assertThat(Path.of(next.get(0).substring("-XX:SharedArchiveFile=".length()))).exists();
    }

    @Test
    void theInstallationsOwnArchiveComesFirstWhileItIsNewerThanEveryJar() throws Exception {
        Path cache = dir.resolve("cache");
        System.setProperty(LoginCdsArchive.CACHE_DIR_PROPERTY, cache.toString());
        String cp = classPath();
        Path installed = dir.resolve(LoginCdsArchive.INSTALLED_NAME);
        Files.write(installed, new byte[] {7});
        Files.setLastModifiedTime(installed, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(LoginCdsArchive.jvmOptions(cp)).containsExactly("-XX:SharedArchiveFile=" + installed.toAbsolutePath());

        // a jar replaced after the archive was made (an update without a new archive): the archive is not for it
        Files.setLastModifiedTime(dir.resolve("lib.jar"), FileTime.fromMillis(System.currentTimeMillis() + 120_000));
        assertThat(LoginCdsArchive.jvmOptions(cp).get(0)).startsWith("-XX:ArchiveClassesAtExit=" + cache);

        // a link is not taken (postinst writes a file; a link could point anywhere)
        Files.delete(installed);
        Files.createSymbolicLink(installed, dir.resolve("lib.jar"));
        assertThat(LoginCdsArchive.installedArchive(cp)).isEmpty();
    }

    @Test
    void aChangedJarOrRuntimeGetsAnotherArchiveName() throws Exception {
        String cp = classPath();
        String before = LoginCdsArchive.key(cp);
        assertThat(LoginCdsArchive.key(cp)).isEqualTo(before);
        Files.setLastModifiedTime(dir.resolve("lib.jar"), FileTime.fromMillis(0));
        assertThat(LoginCdsArchive.key(cp)).isNotEqualTo(before);
    }

    @Test
    void offForDirectoriesOnTheClassPathAndWhenSwitchedOff() throws Exception {
        System.setProperty(LoginCdsArchive.CACHE_DIR_PROPERTY, dir.resolve("cache").toString());
        assertThat(LoginCdsArchive.jvmOptions(classPath() + java.io.File.pathSeparator + dir)).isEmpty();
        System.setProperty(LoginCdsArchive.ENABLED_PROPERTY, "false");
        assertThat(LoginCdsArchive.jvmOptions(classPath())).isEmpty();
    }

    @Test
    void onlyWithARuntimeThatHasItsBaseArchive() throws Exception {
        assertThat(LoginCdsArchive.hasBaseArchive(dir)).isFalse();
        Files.createDirectories(dir.resolve("lib/server"));
        Files.write(dir.resolve("lib/server/classes.jsa"), new byte[] {1});
        assertThat(LoginCdsArchive.hasBaseArchive(dir)).isTrue();
    }

    @Test
    void theCacheFolderFollowsEachOs() {
        assertThat(LoginCdsArchive.cacheDir("Linux", Map.of(), "/home/u")).contains(Path.of("/home/u/.cache/captivewatch"));
        assertThat(LoginCdsArchive.cacheDir("Linux", Map.of("XDG_CACHE_HOME", "/x"), "/home/u")).contains(Path.of("/x/captivewatch"));
        assertThat(LoginCdsArchive.cacheDir("Linux", Map.of("XDG_CACHE_HOME", "rel"), "/home/u")).contains(Path.of("/home/u/.cache/captivewatch"));
        assertThat(LoginCdsArchive.cacheDir("Mac OS X", Map.of(), "/Users/u")).contains(Path.of("/Users/u/Library/Caches/CaptiveWatch"));
        assertThat(LoginCdsArchive.cacheDir("Windows 11", Map.of("LOCALAPPDATA", "C:\\Users\\u\\AppData\\Local"), "C:\\Users\\u"))
                .contains(Path.of("C:\\Users\\u\\AppData\\Local", "CaptiveWatch", "cache"));
        assertThat(LoginCdsArchive.cacheDir("Linux", Map.of(), null)).isEmpty();
    }
}
