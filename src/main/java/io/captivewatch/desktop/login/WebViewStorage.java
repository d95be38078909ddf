package io.captivewatch.desktop.login;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Logger;

/**
 * Where the sign-in window's page storage (local storage, databases) goes: one private folder per JVM, and
 * inside it a fresh data folder per window.
 *
 * <p>WebKit writes into a window's data folder after the window has closed and recreates it (0755) when it was
 * deleted, so the folders live in a parent only we can enter (0700, as {@code Files.createTempDirectory} makes
 * it on POSIX), and that parent goes away when no engine can write any more: at exit ({@link #removeAll()}, also
 * from a shutdown hook), or, after a crash or kill, at the next start of a window in any of our processes.
 *
 * <p>One object per JVM ({@link #forThisJvm()}): the folder is named after the process id and removed by the
 * process's shutdown hook, and every WebView of a JVM shares WebKit's one storage back end. Any thread.
 */
final class WebViewStorage {
    private static final Logger LOG = Logger.getLogger(WebViewStorage.class.getName());
    /** Name prefix of this app's private WebView folders in the temp directory: {@code PREFIX<pid>-<random>}. */
    static final String PRIVATE_ROOT_PREFIX = "captivewatch-webview-";
    private static final WebViewStorage THIS_JVM = new WebViewStorage();

    private Path privateRoot; // guarded by this
    private boolean exitHookAdded; // guarded by this
    private int dataDirs; // guarded by this
    private boolean staleSweepStarted; // guarded by this
    /** Held while a tree is deleted off the caller's thread, so {@link #removeAll()} does not walk a half-deleted folder. */
    private final Object deleting = new Object();

    private WebViewStorage() {
    }

    /** This JVM's storage. */
    static WebViewStorage forThisJvm() {
        return THIS_JVM;
    }

    /** A fresh data folder for one window inside this JVM's private folder; null when none can be made. */
    synchronized Path newDataDir() {
        try {
            if (privateRoot == null || !Files.isDirectory(privateRoot, LinkOption.NOFOLLOW_LINKS)) {
                if (!staleSweepStarted) { // once per JVM, off the caller's (FX) thread: it scans the temp directory
                    staleSweepStarted = true;
                    daemon("captivewatch-webview-sweep", WebViewStorage::removeStalePrivateRoots);
                }
                privateRoot = Files.createTempDirectory(PRIVATE_ROOT_PREFIX + ProcessHandle.current().pid() + "-");
                if (!exitHookAdded) {
                    exitHookAdded = true;
                    Runtime.getRuntime().addShutdownHook(new Thread(this::removeAll, "captivewatch-webview-cleanup"));
                }
            }
            Path dir = privateRoot.resolve("data-" + (++dataDirs));
            Files.createDirectory(dir);
            return dir;
        } catch (IOException | RuntimeException e) {
            LOG.warning("no private WebView data directory, using the default: " + e.getMessage());
            return null;
        }
    }

    /**
     * Deletes one window's data folder (on close) on a daemon thread, so the caller (the FX thread) does not wait
     * for the disk; WebKit may write it again, inside the private folder.
     */
    void deleteDataDir(Path dir) {
        if (dir == null) return;
        daemon("captivewatch-webview-delete", () -> {
            synchronized (deleting) {
                deleteTree(dir);
            }
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Deletes this JVM's private folder with everything WebKit left in it. Call only when no page can write any
     * more (no window open, or the process is ending).
     */
    synchronized void removeAll() {
        if (privateRoot == null) return;
        synchronized (deleting) {
            deleteTree(privateRoot);
        }
        privateRoot = null;
    }

    /** The private folder this JVM's WebView data goes into, if made (for tests). */
    synchronized Path privateRoot() {
        return privateRoot;
    }

    /** Deletes the private folders of our processes that are gone (killed before they could clean up). */
    private static void removeStalePrivateRoots() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (var entries = Files.newDirectoryStream(tmp, PRIVATE_ROOT_PREFIX + "*")) {
            int seen = 0;
            for (Path p : entries) {
                if (++seen > 1000) break;
                String rest = p.getFileName().toString().substring(PRIVATE_ROOT_PREFIX.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) continue;
                deleteTree(p);
            }
        } catch (IOException | RuntimeException e) {
            LOG.fine("could not look for old WebView folders: " + e.getMessage());
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root, 16)) {
            paths.sorted(Comparator.reverseOrder()).limit(10_000).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.fine("could not delete " + p + ": " + e.getMessage());
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.fine("could not delete " + root + ": " + e.getMessage());
        }
    }
}
