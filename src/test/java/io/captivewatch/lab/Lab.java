package io.captivewatch.lab;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The openNDS portal lab (src/test/lab/lab.sh) from Java: bring it up, run commands in its namespaces,
 * authenticate or deauthenticate the client, tear it down. Every command is bounded in time and output.
 * Needs root and the packages in src/test/lab/packages.txt.
 */
public final class Lab implements AutoCloseable {
    /** Namespace names (fixed: two labs cannot run at once). */
    public static final String GW = "cw-gw", CLIENT = "cw-client", INET = "cw-inet";
    /** Commands lab.sh needs; tests pass these to {@code Requirements.requireCommands}. */
    public static final String[] COMMANDS = {"ip", "nsenter", "opennds", "ndsctl", "nft", "dnsmasq", "busybox", "curl", "python3", "timeout"};
    private static final int MAX_OUTPUT = 4 * 1024 * 1024;

    /** Where lab.sh keeps its state (pids, logs, the lab CA). */
    public static final Path STATE = Path.of("/run/captivewatch-lab");
    private static final String TRUST_PASSWORD = "captivewatch-lab";

    private final Path script;
    private final long setupMillis;
    private final String upOutput;
    private boolean closed;

    private Lab(Path script, long setupMillis, String upOutput) {
        this.script = script;
        this.setupMillis = setupMillis;
        this.upOutput = upOutput;
    }

    /** What a command did. */
    public record Exec(int exitCode, String stdout, String stderr, long millis) {
        public boolean ok() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + " after " + millis + " ms\nstdout:\n" + clip(stdout) + "\nstderr:\n" + clip(stderr);
        }

        private static String clip(String s) {
            return s.length() > 4000 ? s.substring(0, 4000) + "\n..." : s;
        }
    }

    /** Thrown when the lab cannot be set up; the message carries lab.sh's output. */
    public static final class LabException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LabException(String message) {
            super(message);
        }
    }

    /** src/test/lab/lab.sh of this project (system property captivewatch.lab.script overrides). */
    public static Path script() {
        String p = System.getProperty("captivewatch.lab.script");
        if (p != null) return Path.of(p);
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path s = d.resolve("src/test/lab/lab.sh");
            if (Files.isRegularFile(s)) return s;
        }
        return dir.resolve("src/test/lab/lab.sh");
    }

    /** Runs {@code lab.sh up}; throws {@link LabException} with its output if it fails. */
    public static Lab up() {
        return up(false);
    }

    /**
     * Runs {@code lab.sh up}, or with {@code withoutDhcp} {@code lab.sh up --no-dhcp}: the portal runs but the
     * client has no address yet until {@link #dhcp()}.
     */
    public static Lab up(boolean withoutDhcp) {
        return withoutDhcp ? upWith("--no-dhcp") : upWith();
    }

    /** Runs {@code lab.sh up OPTIONS} (e.g. {@code --portal-name}: the portal at a name only its DNS knows). */
    public static Lab upWith(String... options) {
        Path s = script();
        if (!Files.isRegularFile(s)) throw new LabException("lab script not found: " + s);
        List<String> cmd = new ArrayList<>(List.of("bash", s.toString(), "up"));
        cmd.addAll(List.of(options));
        Exec e = run(Duration.ofSeconds(60), cmd.toArray(String[]::new));
        if (!e.ok()) {
            run(Duration.ofSeconds(20), "bash", s.toString(), "down");
            throw new LabException("lab setup failed (namespaces/openNDS/dnsmasq/DHCP): " + e);
        }
        return new Lab(s, e.millis(), e.stdout() + e.stderr());
    }

    /** How long {@code lab.sh up} took. */
    public long setupMillis() {
        return setupMillis;
    }

    /** What {@code lab.sh up} printed (timings per step, status). */
    public String upOutput() {
        return upOutput;
    }

    /** Runs a command inside the client namespace. */
    public Exec inClient(Duration timeout, String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", CLIENT));
        cmd.addAll(List.of(command));
        return run(timeout, cmd.toArray(String[]::new));
    }

    /** GETs a URL with curl inside the client namespace (no redirects followed); stdout is the body. */
    public Exec curlInClient(String url, String... extraArgs) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-m", "5"));
        cmd.addAll(List.of(extraArgs));
        cmd.add(url);
        return inClient(Duration.ofSeconds(8), cmd.toArray(String[]::new));
    }

    /** Runs ndsctl in openNDS's namespaces. */
    public Exec ndsctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), "ndsctl"));
        cmd.addAll(List.of(args));
        return run(Duration.ofSeconds(15), cmd.toArray(String[]::new));
    }

    /** {@code lab.sh dhcp}: the client takes its lease now (after {@code up(true)}); throws if it gets none. */
    public Exec dhcp() {
        Exec e = run(Duration.ofSeconds(20), "bash", script.toString(), "dhcp");
        if (!e.ok()) throw new LabException("client DHCP failed: " + e);
        return e;
    }

    /** The client's MAC address (what openNDS knows it by). */
    public String clientMac() {
        Exec e = run(Duration.ofSeconds(5), "bash", script.toString(), "client-mac");
        String mac = e.stdout().strip();
        if (!e.ok() || !mac.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}")) throw new LabException("no client MAC: " + e);
        return mac;
    }

    /** {@code lab.sh status}. */
    public Exec status() {
        return run(Duration.ofSeconds(10), "bash", script.toString(), "status");
    }

    /** Tears the lab down (processes, namespaces, /etc/netns entries, lease file). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        Exec e = run(Duration.ofSeconds(30), "bash", script.toString(), "down");
        if (!e.ok()) throw new LabException("lab teardown failed: " + e);
    }

    /** Runs a command with a deadline (killed with its children after it) and capped output. */
    public static Exec run(Duration timeout, String... command) {
        long t0 = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            return new Exec(-1, "", "cannot start " + String.join(" ", command) + ": " + e.getMessage(), 0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Thread a = pump(p.getInputStream(), out), b = pump(p.getErrorStream(), err);
        int code;
        try {
            if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                code = p.exitValue();
            } else {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
                code = -1;
            }
            a.join(2000);
            b.join(2000);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            code = -1;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String so, se;
        synchronized (out) {
            so = out.toString(StandardCharsets.UTF_8);
        }
        synchronized (err) {
            se = err.toString(StandardCharsets.UTF_8);
        }
        if (code == -1) se = se + "\n[killed after " + timeout.toMillis() + " ms: " + String.join(" ", command) + "]";
        return new Exec(code, so, se, ms);
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (sink) {
                        int room = MAX_OUTPUT - sink.size();
                        if (room > 0) sink.write(buf, 0, Math.min(room, n));
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "lab-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The test JVM's classpath, for running CaptiveWatch inside a namespace. */
    public static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /**
     * A PKCS12 trust store holding only the lab's throwaway CA (lab.sh makes it at each {@code up}), so a JVM
     * in the client namespace can complete the HTTPS probe against the lab's "internet" as it would on a
     * real network with a real certificate.
     */
    public Path trustStore() {
        Path store = STATE.resolve("tls/truststore.p12");
        if (Files.isRegularFile(store)) return store;
        try (InputStream in = Files.newInputStream(STATE.resolve("tls/ca.pem"))) {
            java.security.cert.Certificate ca = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("captivewatch-lab-ca", ca);
            try (var out = Files.newOutputStream(store)) {
                ks.store(out, TRUST_PASSWORD.toCharArray());
            }
            return store;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new LabException("cannot make the lab trust store from " + STATE.resolve("tls/ca.pem") + ": " + e);
        }
    }

    /** Runs a Java main class of this project inside the client namespace (trusting the lab CA). */
    public Exec javaInClient(Duration timeout, String mainClass, String... args) {
        return run(timeout, javaCommand(List.of("-Djava.awt.headless=true"), mainClass, args).toArray(String[]::new));
    }

    /**
     * The command line for a Java main class of this project in the client namespace
     * ({@code ip netns exec cw-client java ...}), trusting the lab CA; {@code jvmOptions} go before the class.
     */
    public List<String> javaCommand(List<String> jvmOptions, String mainClass, String... args) {
        Path trust = trustStore();
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", CLIENT,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + TRUST_PASSWORD));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classpath(), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
