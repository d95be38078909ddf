package io.captivewatch.desktop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SingleInstanceTest {

    @TempDir
    Path dir;

    @Test
    void secondStartInTheSameJvmSignalsTheFirst() throws Exception {
        LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
        Optional<SingleInstance> first = SingleInstance.claimOrSignal(dir, "check", got::add, Duration.ofSeconds(5));
        assertThat(first).isPresent();
        try (SingleInstance ignored = first.get()) {
            Optional<SingleInstance> second = SingleInstance.claimOrSignal(dir, "check", m -> {}, Duration.ofSeconds(5));
            assertThat(second).isEmpty();
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("check");
        }
        // after the first closes, the next start becomes the running instance
        Optional<SingleInstance> third = SingleInstance.claimOrSignal(dir, "check", m -> {}, Duration.ofSeconds(5));
        assertThat(third).isPresent();
        third.get().close();
    }

    @Test
    void secondStartInAnotherProcessSignalsTheFirst() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        try (SingleInstance first = SingleInstance.claimOrSignal(dir, "check", got::add, Duration.ofSeconds(5)).orElseThrow()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process p = new ProcessBuilder(java, "-cp", cp, SecondStart.class.getName(), dir.toString())
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("second start exits").isTrue();
            String out = new String(p.getInputStream().readNBytes(10_000), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("signalled");
            io.captivewatch.testing.Await.until("the first instance got the message", () -> !got.isEmpty(), Duration.ofSeconds(5));
            assertThat(got).containsExactly("check");
        }
    }

    @Test
    void wrongTokenIsRefusedAndNotDelivered() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        try (SingleInstance first = SingleInstance.claimOrSignal(dir, "check", got::add, Duration.ofSeconds(5)).orElseThrow()) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), first.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write("0000 check\n".getBytes(StandardCharsets.US_ASCII));
                String reply = new String(s.getInputStream().readNBytes(7), StandardCharsets.US_ASCII);
                assertThat(reply).isEqualTo("denied\n");
            }
            // a real signal after that still works, and only it is delivered
            assertThat(SingleInstance.claimOrSignal(dir, "check", m -> {}, Duration.ofSeconds(5))).isEmpty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (got.isEmpty() && System.nanoTime() < deadline) Thread.onSpinWait();
            assertThat(got).containsExactly("check");
            String portFile = Files.readString(dir.resolve(SingleInstance.PORT_FILE));
            assertThat(portFile).startsWith(first.port() + " ");
        }
    }

    @Test
    void lockHeldButNobodyAnsweringIsAnErrorNotAHang() throws Exception {
        try (SingleInstance first = SingleInstance.claimOrSignal(dir, "check", m -> {}, Duration.ofSeconds(5)).orElseThrow()) {
            Files.writeString(dir.resolve(SingleInstance.PORT_FILE), "1 feedface\n"); // port 1: nobody listens
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> SingleInstance.claimOrSignal(dir, "check", m -> {}, Duration.ofMillis(500)))
                    .isInstanceOf(IOException.class).hasMessageContaining("did not answer");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void filesAndFolderAreTheUsersOwnFromTheStart() throws Exception {
        Path config = dir.resolve("new-config");
        try (SingleInstance first = SingleInstance.claimOrSignal(config, "check", m -> {}, Duration.ofSeconds(5)).orElseThrow()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve(SingleInstance.LOCK_FILE))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve(SingleInstance.PORT_FILE))))
                    .isEqualTo("rw-------");
            // no temporary file is left beside it
            try (Stream<Path> files = Files.list(config)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder(SingleInstance.LOCK_FILE, SingleInstance.PORT_FILE);
            }
        }
    }

    @Test
    void linksPlantedAtThePortFilesAreNotFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
        Path config = Files.createDirectory(dir.resolve("config"));
        Files.createSymbolicLink(config.resolve(SingleInstance.PORT_FILE), victim);
        Files.createSymbolicLink(config.resolve(SingleInstance.PORT_FILE + ".tmp"), victim); // the old fixed temporary name
        List<String> got = new CopyOnWriteArrayList<>();
        try (SingleInstance first = SingleInstance.claimOrSignal(config, "check", got::add, Duration.ofSeconds(5)).orElseThrow()) {
            assertThat(Files.readString(victim)).isEqualTo("precious\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(victim))).isEqualTo("rw-r--r--");
            Path portFile = config.resolve(SingleInstance.PORT_FILE);
            assertThat(Files.isSymbolicLink(portFile)).isFalse();
            assertThat(Files.readString(portFile)).startsWith(first.port() + " ");
            // and the app works: a second start reaches it
            assertThat(SingleInstance.claimOrSignal(config, "check", m -> {}, Duration.ofSeconds(5))).isEmpty();
            io.captivewatch.testing.Await.until("the message", () -> !got.isEmpty(), Duration.ofSeconds(5));
        }
        assertThat(Files.readString(victim)).isEqualTo("precious\n");
    }

    @Test
    void aLinkPlantedAtTheLockFileIsRefusedClearlyAndNotFollowed() throws Exception {
        Path config = Files.createDirectory(dir.resolve("config"));
        Path target = dir.resolve("elsewhere").resolve("created-through-the-link");
        Files.createDirectory(target.getParent());
        Files.createSymbolicLink(config.resolve(SingleInstance.LOCK_FILE), target);
        assertThatThrownBy(() -> SingleInstance.claimOrSignal(config, "check", m -> {}, Duration.ofMillis(500)))
                .isInstanceOf(IOException.class).hasMessageContaining("symbolic link");
        assertThat(target).doesNotExist();
        assertThat(config.resolve(SingleInstance.PORT_FILE)).doesNotExist();
    }

    @Test
    void aSilentClientDoesNotKeepASecondStartOut() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        try (SingleInstance first = SingleInstance.claimOrSignal(dir, "check", got::add, Duration.ofSeconds(5)).orElseThrow();
             Socket silent1 = new Socket(InetAddress.getLoopbackAddress(), first.port());
             Socket silent2 = new Socket(InetAddress.getLoopbackAddress(), first.port());
             Socket trickle = new Socket(InetAddress.getLoopbackAddress(), first.port())) {
            trickle.getOutputStream().write('0'); // one byte of a line that never ends
            trickle.getOutputStream().flush();
            // three connections that each hold their handler for the whole per-connection deadline (2 s), 6 s in a
            // row if they were served one after another; the second start gives up after 3 s
            assertThat(SingleInstance.claimOrSignal(dir, "check", m -> {}, Duration.ofSeconds(3))).isEmpty();
            io.captivewatch.testing.Await.until("the message", () -> !got.isEmpty(), Duration.ofSeconds(5));
            assertThat(got).containsExactly("check");
        }
    }

    /** The second process: tries to start, prints what happened. */
    public static final class SecondStart {
        public static void main(String[] args) throws IOException {
            Optional<SingleInstance> me = SingleInstance.claimOrSignal(Path.of(args[0]), "check", m -> {}, Duration.ofSeconds(10));
            System.out.println(me.isPresent() ? "became first" : "signalled");
            me.ifPresent(SingleInstance::close);
            System.exit(me.isPresent() ? 1 : 0);
        }
    }
}
