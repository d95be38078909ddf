package io.captivewatch.core.extract;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays src/test/resources/fuzz-regressions/*.http through the fuzz invariants (see {@link FuzzHarness}). */
class FuzzRegressionTest {
    static final URI PROBE = URI.create("http://captive.apple.com/hotspot-detect.html");

    @Test
    void everySavedFuzzFindingStaysFixed() throws Exception {
        URL dir = FuzzRegressionTest.class.getResource("/fuzz-regressions");
        assertThat(dir).as("fuzz-regressions directory on the test classpath").isNotNull();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(dir.toURI()), "*.http")) {
            ds.forEach(files::add);
        }
        assertThat(files).isNotEmpty();
        List<String> problems = new ArrayList<>();
        try (FuzzHarness h = new FuzzHarness()) {
            // warm up once so the deadline measures the code, not the JIT
            for (Path f : files) h.check(new FuzzHarness.Input(PROBE, List.of(Files.readAllBytes(f)), "warm-up"));
            for (Path f : files) {
                String p = h.check(new FuzzHarness.Input(PROBE, List.of(Files.readAllBytes(f)), f.getFileName().toString()));
                if (p != null) problems.add(p);
            }
        }
        assertThat(problems).isEmpty();
    }
}
