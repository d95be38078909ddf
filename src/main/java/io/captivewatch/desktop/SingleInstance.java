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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One running app per user: the first start holds a lock on {@code instance.lock} in the config dir and
 * listens on a loopback port written (with a random token) to {@code instance.port}. A second start finds
 * the lock taken, sends its message ("check") with the token to that port and exits. The lock dies with the
 * process, so a crashed app never blocks the next start.
 *
 * <p>The files are the user's own: the folder is created 0700, the lock file and the port file are created 0600
 * (with the permission as a creation attribute, never widened and narrowed later), the port file is written to a
 * fresh temporary file and moved into place, and no symbolic link is followed (a link planted at the lock file is
 * refused with a clear message; one at the port file is replaced, its target untouched). Each connection is served
 * off the accepting thread, by at most {@value #HANDLERS} handlers, within one deadline of {@code CONNECTION_DEADLINE}
 * for the whole line: a client that connects and says nothing, or trickles, cannot keep a second start out.
 */
public final class SingleInstance implements AutoCloseable {
    static final String LOCK_FILE = "instance.lock";
    static final String PORT_FILE = "instance.port";
    private static final int MAX_LINE = 256;
    /** How long one connection may take to send its line, in all. */
    static final Duration CONNECTION_DEADLINE = Duration.ofSeconds(2);
    /** Connections served at once; more wait in a short queue, and past that are closed (the sender retries). */
    static final int HANDLERS = 4;
    private static final int QUEUED = 16;
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final FileChannel channel;
    private final FileLock lock;
    private final ServerSocket server;
    private final Thread acceptor;
    private final ThreadPoolExecutor handlers;
    private final Object delivering = new Object();
    private final Path portFile;
    private volatile boolean closed;

    private SingleInstance(FileChannel channel, FileLock lock, ServerSocket server, Path portFile, String token,
                           Consumer<String> onMessage) {
        this.channel = channel;
        this.lock = lock;
        this.server = server;
        this.portFile = portFile;
        AtomicInteger n = new AtomicInteger();
        this.handlers = new ThreadPoolExecutor(HANDLERS, HANDLERS, 10, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED), r -> {
            Thread t = new Thread(r, "captivewatch-single-instance-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        handlers.allowCoreThreadTimeOut(true);
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
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        else Files.createDirectories(dir);
        Path lockFile = dir.resolve(LOCK_FILE);
        Path portFile = dir.resolve(PORT_FILE);
        if (Files.isSymbolicLink(lockFile)) throw symlink(lockFile);
        FileChannel ch;
        try {
            Set<OpenOption> opts = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            ch = posix ? FileChannel.open(lockFile, opts, PosixFilePermissions.asFileAttribute(OWNER_FILE)) : FileChannel.open(lockFile, opts);
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(lockFile)) throw symlink(lockFile); // planted between the check and the open
            throw e;
        }
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
            // a fresh, randomly named file created 0600 (never a planted file or link), then moved over the
            // port file: a rename replaces a link there rather than writing through it
            Path tmp = posix ? Files.createTempFile(dir, PORT_FILE + ".", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                    : Files.createTempFile(dir, PORT_FILE + ".", ".tmp");
            try {
                try (SeekableByteChannel w = Files.newByteChannel(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    w.write(ByteBuffer.wrap((server.getLocalPort() + " " + token + "\n").getBytes(StandardCharsets.US_ASCII)));
                }
                io.captivewatch.core.os.FileMoves.replace(tmp, portFile);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return Optional.of(new SingleInstance(ch, lock, server, portFile, token, onMessage));
        } catch (IOException | RuntimeException e) {
            server.close();
            lock.release();
            ch.close();
            throw e;
        }
    }

    private static IOException symlink(Path p) {
        return new IOException(p + " is a symbolic link; CaptiveWatch does not follow it. Remove it and start again.");
    }

    /** The port file's text, at most {@link #MAX_LINE} bytes, never through a symbolic link. */
    private static String readPortFile(Path portFile) throws IOException {
        try (SeekableByteChannel r = Files.newByteChannel(portFile, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.allocate(MAX_LINE);
            while (buf.hasRemaining() && r.read(buf) > 0) {
                // fill up to the cap
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
        }
    }

    /** Sends a message to the running instance; retries until its port file appears or {@code timeout} passes. */
    private static void signal(Path portFile, String message, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (true) {
            try {
                String[] parts = readPortFile(portFile).trim().split(" ");
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
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) System.err.println("captivewatch: single-instance listener: " + e.getMessage());
                continue;
            }
            try {
                handlers.execute(() -> serve(s, token, onMessage));
            } catch (RejectedExecutionException busy) {
                closeQuietly(s); // too many at once: the sender retries until its own deadline
            }
        }
    }

    /** One connection: its line within {@link #CONNECTION_DEADLINE} in all, then the answer. */
    private void serve(Socket socket, String token, Consumer<String> onMessage) {
        try (Socket s = socket) {
            String line = readLine(s, System.nanoTime() + CONNECTION_DEADLINE.toNanos());
            if (line == null) return;
            int sp = line.indexOf(' ');
            if (sp < 0 || !line.substring(0, sp).equals(token)) {
                s.getOutputStream().write("denied\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            s.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            synchronized (delivering) { // messages are handed on one at a time, as before
                try {
                    onMessage.accept(line.substring(sp + 1));
                } catch (RuntimeException e) {
                    System.err.println("captivewatch: handling a message from a second start failed: " + e);
                }
            }
        } catch (SocketTimeoutException e) {
            // a client that said nothing, or too slowly: dropped
        } catch (IOException e) {
            if (!closed) System.err.println("captivewatch: single-instance connection: " + e.getMessage());
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /**
     * Reads one line of at most {@link #MAX_LINE} bytes before {@code deadline} (a {@link System#nanoTime()});
     * null if the peer sent nothing or too much.
     */
    private static String readLine(Socket s, long deadline) throws IOException {
        byte[] buf = new byte[MAX_LINE];
        int n = 0;
        var in = s.getInputStream();
        while (n < MAX_LINE) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) throw new SocketTimeoutException("no line within " + CONNECTION_DEADLINE.toMillis() + " ms");
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
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
            handlers.shutdownNow();
            Files.deleteIfExists(portFile);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
