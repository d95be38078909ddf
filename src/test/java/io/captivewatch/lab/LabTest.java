package io.captivewatch.lab;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The lab wrapper's failure paths, with a stand-in lab.sh (no root, no namespaces). */
class LabTest {
    @AfterEach
    void clear() {
        System.clearProperty("captivewatch.lab.script");
    }

    @Test
    void failedSetupIsALoudFailureCarryingTheScriptsOutputAndCleansUp(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Path log = dir.resolve("calls");
        Path script = dir.resolve("lab.sh");
        Files.writeString(script, "echo \"$1\" >> '" + log + "'\nif [ \"$1\" = up ]; then echo 'Cannot create namespace file \"/run/netns/cw-gw\": Permission denied' >&2; exit 1; fi\n");
        System.setProperty("captivewatch.lab.script", script.toString());
        assertThatThrownBy(Lab::up).isInstanceOf(Lab.LabException.class)
                .hasMessageContaining("lab setup failed").hasMessageContaining("Permission denied");
        assertThat(Files.readAllLines(log)).containsExactly("up", "down");
    }

    @Test
    void missingScriptIsAFailureToo(@TempDir Path dir) {
        System.setProperty("captivewatch.lab.script", dir.resolve("nope.sh").toString());
        assertThatThrownBy(Lab::up).isInstanceOf(Lab.LabException.class).hasMessageContaining("not found");
    }

    @Test
    void runIsBoundedAndCapturesOutput() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs sh");
        Lab.Exec ok = Lab.run(Duration.ofSeconds(5), "sh", "-c", "echo out; echo err >&2; exit 4");
        assertThat(ok.exitCode()).isEqualTo(4);
        assertThat(ok.stdout()).isEqualTo("out\n");
        assertThat(ok.stderr()).isEqualTo("err\n");
        long t0 = System.nanoTime();
        Lab.Exec slow = Lab.run(Duration.ofMillis(300), "sh", "-c", "exec sleep 30");
        assertThat(slow.exitCode()).isEqualTo(-1);
        assertThat(slow.stderr()).contains("killed after 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void findsTheRealScript() {
        assertThat(Lab.script()).isRegularFile().hasFileName("lab.sh");
    }
}
