package io.captivewatch.desktop.login;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the URL-scheme guard lets through in a JVM that shows login windows (it is installed for good). */
class SchemeGuardTest {
    @BeforeAll
    static void install() {
        assertThat(SchemeGuard.install()).isTrue();
        assertThat(SchemeGuard.install()).as("idempotent").isTrue();
    }

    @Test
    void schemesOutsideTheWebCannotEvenBeMade() {
        for (String url : new String[] {"ftp://127.0.0.1:21/x", "mailto:a@b.example", "jar:http://127.0.0.1:1/big.jar!/x",
                "jar:https://127.0.0.1:1/big.jar!/x", "jar:ftp://127.0.0.1/x.jar!/y", "jar:jar:http://127.0.0.1/a!/b!/c",
                "netdoc:/x", "jmod:/x"}) {
            assertThatThrownBy(() -> new URL(url)).as(url).isInstanceOf(MalformedURLException.class);
        }
    }

    @Test
    void webAndLocalUrlsWorkAsBefore(@TempDir Path dir) throws Exception {
        assertThat(new URL("http://127.0.0.1:8080/a?b#c").getQuery()).isEqualTo("b");
        assertThat(new URL("https://127.0.0.1/").getProtocol()).isEqualTo("https");
        assertThat(new URL("file:/tmp/x").getPath()).isEqualTo("/tmp/x");

        Path jar = dir.resolve("t.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[] {"css/a.css", "css/b.css"}) {
                out.putNextEntry(new JarEntry(name));
                out.write(name.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        URL a = new URL("jar:" + jar.toUri() + "!/css/a.css");
        try (InputStream in = a.openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("css/a.css");
        }
        URL b = new URL(a, "b.css#top"); // relative, as a stylesheet's url(...) in a jar
        assertThat(b.toExternalForm()).isEqualTo("jar:" + jar.toUri() + "!/css/b.css#top");
        try (InputStream in = b.openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("css/b.css");
        }
        assertThat(new URL(a.toExternalForm())).isEqualTo(a);

        URL fromClassPath = org.assertj.core.api.Assertions.class.getResource("Assertions.class"); // inside a jar
        assertThat(fromClassPath.getProtocol()).isEqualTo("jar");
        try (InputStream in = new URL(fromClassPath.toExternalForm()).openStream()) {
            assertThat(in.readNBytes(4)).containsExactly(0xCA, 0xFE, 0xBA, 0xBE);
        }
        URL modena = javafx.scene.control.Control.class.getResource("/com/sun/javafx/scene/control/skin/modena/modena.css");
        try (InputStream in = new URL(modena.toExternalForm()).openStream()) { // JavaFX's own styles, from its jar
            assertThat(in.readNBytes(16)).isNotEmpty();
        }
    }

    @Test
    void aJarUrlAroundTheWebIsRefusedEvenWhenMadeWithoutParsing() throws Exception {
        URL u = new URL("jar", "", -1, "http://127.0.0.1:1/big.jar!/x"); // this constructor skips parseURL
        assertThatThrownBy(u::openConnection).isInstanceOf(java.io.IOException.class);
    }
}
