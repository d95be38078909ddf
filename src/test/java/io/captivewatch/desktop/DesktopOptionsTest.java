package io.captivewatch.desktop;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DesktopOptionsTest {

    @Test
    void noArgumentsMeansDefaults() throws Exception {
        DesktopOptions o = DesktopOptions.parse(List.of());
        assertThat(o.probes()).isEmpty();
        assertThat(o.configDir()).isEmpty();
        assertThat(o.minimized()).isFalse();
    }

    @Test
    void repeatableProbesConfigAndMinimized() throws Exception {
        DesktopOptions o = DesktopOptions.parse(List.of("--probe", "http://127.0.0.1:8080/generate_204",
                "--probe=https://example.test/x", "--config", "/tmp/cw", "--minimized"));
        assertThat(o.probes()).extracting(io.captivewatch.core.probe.ProbeSpec::url).containsExactly(URI.create("http://127.0.0.1:8080/generate_204"), URI.create("https://example.test/x"));
        assertThat(o.configDir()).contains(Path.of("/tmp/cw"));
        assertThat(o.minimized()).isTrue();
    }

    @Test
    void entryPrintsOneLineAndReturnsTwoForBadArguments() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = DesktopMain.run(List.of("--probe", "ftp://x/"), new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        String text = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        assertThat(text).startsWith("captivewatch: --probe needs an absolute http:// or https:// URL").contains("usage:");
    }

    @Test
    void badArgumentsGiveOneLineErrors() {
        assertThatThrownBy(() -> DesktopOptions.parse(List.of("--probe"))).hasMessage("--probe needs a value");
        assertThatThrownBy(() -> DesktopOptions.parse(List.of("--probe", "file:///etc/passwd")))
                .hasMessageStartingWith("--probe needs an absolute http:// or https:// URL");
        assertThatThrownBy(() -> DesktopOptions.parse(List.of("--probe", "javascript:alert(1)")))
                .isInstanceOf(DesktopOptions.UsageException.class);
        assertThatThrownBy(() -> DesktopOptions.parse(List.of("--probe", "example.test/generate_204")))
                .isInstanceOf(DesktopOptions.UsageException.class);
        assertThatThrownBy(() -> DesktopOptions.parse(List.of("--bogus"))).hasMessage("unknown option --bogus"); // the command line's own words (cli.error.unknownOption)
        assertThatThrownBy(() -> DesktopOptions.parse(List.of("--config"))).hasMessage("--config needs a value");
        assertThatThrownBy(() -> DesktopOptions.parse(List.of("--minimized=yes"))).hasMessage("--minimized takes no value");
    }
}
