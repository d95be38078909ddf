package io.captivewatch.core.os;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CommandRunnerTest {
    private final CommandRunner runner = CommandRunner.system();

    @Test
    void capturesOutputAndExitCode() {
        assumeTrue(CommandRunner.onPath("sh"), "needs sh");
        CommandRunner.Result r = runner.run(List.of("sh", "-c", "echo hello; exit 3"), Duration.ofSeconds(5));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("hello\n");
        assertThat(r.ok()).isFalse();
    }

    @Test
    void stderrIsDroppedUnlessAskedFor() {
        assumeTrue(CommandRunner.onPath("sh"), "needs sh");
        List<String> cmd = List.of("sh", "-c", "echo out; echo ERROR: denied >&2; exit 1");
        assertThat(runner.run(cmd, Duration.ofSeconds(5)).stdout()).isEqualTo("out\n");
        CommandRunner.Result r = CommandRunner.systemWithStderr().run(cmd, Duration.ofSeconds(5));
        assertThat(r.stdout()).contains("out\n").contains("ERROR: denied");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void killsAtTheDeadline() {
        assumeTrue(CommandRunner.onPath("sh"), "needs sh");
        long t0 = System.nanoTime();
        CommandRunner.Result r = runner.run(List.of("sh", "-c", "echo started; exec sleep 30"), Duration.ofMillis(300));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.commandNotFound()).as("a program killed at the deadline was there").isFalse();
        assertThat(r.stdout()).isEqualTo("started\n");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void capsOutput() {
        assumeTrue(CommandRunner.onPath("head"), "needs head");
        CommandRunner.Result r = runner.run(List.of("head", "-c", "2000000", "/dev/zero"), Duration.ofSeconds(10));
        assertThat(r.ok()).isTrue();
        assertThat(r.stdout().length()).isEqualTo(CommandRunner.MAX_OUTPUT);
    }

    @Test
    void missingProgramIsAProblemNotAnException() {
        CommandRunner.Result r = runner.run(List.of("no-such-program-captivewatch"), Duration.ofSeconds(1));
        assertThat(r.problem()).hasValueSatisfying(p -> assertThat(p).contains("not found"));
        assertThat(r.commandNotFound()).isTrue();
        assertThat(r.exitCode()).isEqualTo(CommandRunner.Result.NOT_FOUND);
        assertThat(runner.run(List.of("/nonexistent-dir-captivewatch/tool"), Duration.ofSeconds(1)).commandNotFound()).isTrue();
        CommandRunner.Result empty = runner.run(List.of(), Duration.ofSeconds(1));
        assertThat(empty.ok()).isFalse();
        assertThat(empty.commandNotFound()).isFalse();
    }

    @Test
    void aProgramThatRanIsNotMissingWhateverItSaysOrReturns() {
        assumeTrue(CommandRunner.onPath("sh"), "needs sh");
        CommandRunner.Result r = runner.run(List.of("sh", "-c", "echo 'Link eth9 not found'; exit 127"), Duration.ofSeconds(5));
        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.commandNotFound()).isFalse();
    }
}
