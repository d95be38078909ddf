package io.captivewatch.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One running app per user: the first start holds a lock on {@code instance.lock} in the config dir and
 * listens on a loopback port written (with a random token) to {@code instance.port}. A second start finds
 * the lock taken, sends its message ("check") with the token to that port and exits. The lock dies with the
 * process, so a crashed app never blocks the next start.
 */
public final class SingleInstance implements AutoCloseable {
    static final String LOCK_FILE = "instance.lock";
    static final String PORT_FILE = "instance.port";
    private static final int MAX_LINE = 256;

    private final FileChannel channel;
    private final FileLock lock;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Path portFile;
    private volatile boolean closed;

    private SingleInstance(FileChannel channel, FileLock lock, ServerSocket server, Path portFile, String token,
                           Consumer<String> onMessage) {
        this.channel = channel;
        this.lock = lock;
        this.server = server;
        this.portFile = portFile;
        this.acceptor = new Thread(() -> acceptLoop(token, onMessage), "captivewatch-single-instance");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Becomes the running instance, or signals the one already running.
     *
     * @param dir       the per-user config dir (created if missing)
     * @param message   what to send to a running instance (one line, e.g. "check")
     * @param onMessage called (on a background thread) with messages later starts send to this one
     * @param timeout   how long to try reaching a running instance
     * @return the instance when this process is the first (close it on exit); empty when a running
     *         instance was signalled (this process should exit 0)
     * @throws IOException when the dir is unusable, or another instance holds the lock but cannot be reached
     */
    public static Optional<SingleInstance> claimOrSignal(Path dir, String message, Consumer<String> onMessage, Duration timeout)
            throws IOException {
        Files.createDirectories(dir);
        Path lockFile = dir.resolve(LOCK_FILE);
        Path portFile = dir.resolve(PORT_FILE);
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            signal(portFile, message, timeout);
            return Optional.empty();
        }
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            byte[] t = new byte[16];
            new SecureRandom().nextBytes(t);
            String token = HexFormat.of().formatHex(t);
            Path tmp = dir.resolve(PORT_FILE + ".tmp");
            Files.writeString(tmp, server.getLocalPort() + " " + token + "\n", StandardCharsets.US_ASCII);
            restrictToOwner(tmp);
            io.captivewatch.core.os.FileMoves.replace(tmp, portFile);
            return Optional.of(new SingleInstance(ch, lock, server, portFile, token, onMessage));
        } catch (IOException | RuntimeException e) {
            server.close();
            lock.release();
            ch.close();
            throw e;
        }
    }

    private static void restrictToOwner(Path p) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            // Windows: the per-user config dir is private already
        }
    }

    /** Sends a message to the running instance; retries until its port file appears or {@code timeout} passes. */
    private static void signal(Path portFile, String message, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (true) {
            try {
                String[] parts = Files.readString(portFile, StandardCharsets.US_ASCII).trim().split(" ");
                if (parts.length != 2) throw new IOException("malformed " + portFile);
                int port = Integer.parseInt(parts[0]);
                try (Socket s = new Socket()) {
                    int ms = (int) Math.max(100, Math.min(2000, timeout.toMillis()));
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), ms);
                    s.setSoTimeout(ms);
                    OutputStream out = s.getOutputStream();
                    out.write((parts[1] + " " + message + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    String reply = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
                    if ("ok".equals(reply)) return;
                    throw new IOException("the running instance answered " + reply);
                }
            } catch (IOException | NumberFormatException e) {
                last = e instanceof IOException io ? io : new IOException(e.toString());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("another CaptiveWatch holds " + portFile.resolveSibling(LOCK_FILE)
                        + " but did not answer: " + last.getMessage(), last);
            }
            try {
                Thread.sleep(50); // poll for the port file / listener of an instance that is still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private void acceptLoop(String token, Consumer<String> onMessage) {
        while (!closed) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(2000);
                String line = readLine(s);
                if (line == null) continue;
                int sp = line.indexOf(' ');
                if (sp < 0 || !line.substring(0, sp).equals(token)) {
                    s.getOutputStream().write("denied\n".getBytes(StandardCharsets.US_ASCII));
                    continue;
                }
                s.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                try {
                    onMessage.accept(line.substring(sp + 1));
                } catch (RuntimeException e) {
                    System.err.println("captivewatch: handling a message from a second start failed: " + e);
                }
            } catch (SocketTimeoutException e) {
                // a client that connected and said nothing: drop it
            } catch (IOException e) {
                if (!closed) System.err.println("captivewatch: single-instance listener: " + e.getMessage());
            }
        }
    }

    /** Reads one line of at most {@link #MAX_LINE} bytes; null if the peer sent nothing or too much. */
    private static String readLine(Socket s) throws IOException {
        byte[] buf = new byte[MAX_LINE];
        int n = 0;
        var in = s.getInputStream();
        while (n < MAX_LINE) {
            int b = in.read();
            if (b < 0) return null;
            if (b == '\n') return new String(buf, 0, n, StandardCharsets.UTF_8).trim();
            buf[n++] = (byte) b;
        }
        return null;
    }

    /** The port this instance listens on. */
    public int port() {
        return server.getLocalPort();
    }

    /** Stops listening and releases the lock (the next start becomes the running instance). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            server.close();
            Files.deleteIfExists(portFile);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
