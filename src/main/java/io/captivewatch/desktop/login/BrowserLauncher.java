package io.captivewatch.desktop.login;

import io.captivewatch.core.advice.Os;
import io.captivewatch.core.url.WebUrl;

import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens a page in the user's own browser ("Open in browser"). Only absolute http(s) URLs are
 * accepted: anything else is refused with an {@link IllegalArgumentException} before any program
 * runs. Uses {@link Desktop#browse} where supported, else {@code xdg-open} / {@code open} /
 * {@code rundll32}, never through a shell.
 */
public final class BrowserLauncher {
    private static final Logger LOG = Logger.getLogger(BrowserLauncher.class.getName());

    /** What actually starts the browser; tests in this package replace it to see what would be opened. */
    static volatile java.util.function.Consumer<URI> launcher = BrowserLauncher::launch;

    private BrowserLauncher() {}

    /** Opens {@code url} in the system browser, off the calling thread (Desktop.browse can block). */
    public static void open(WebUrl url) {
        URI checked = url.uri();
        java.util.function.Consumer<URI> l = launcher;
        Thread t = new Thread(() -> l.accept(checked), "captivewatch-browser");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Opens a page's own address (the login window's current or failed page) in the system browser: the page
     * navigates to any text, so the address is checked here.
     *
     * @throws IllegalArgumentException when {@code url} is not an acceptable http(s) URL
     */
    public static void open(URI url) {
        open(WebUrl.require(url));
    }

    private static void launch(URI url) {
        try {
            if (!Boolean.getBoolean("java.awt.headless") && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(url);
                return;
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Desktop.browse failed, trying the OS command", e);
        }
        List<String> cmd = switch (Os.current()) {
            case MACOS -> List.of("open", url.toString());
            case WINDOWS -> List.of("rundll32", "url.dll,FileProtocolHandler", url.toString());
            case LINUX -> List.of("xdg-open", url.toString());
        };
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                LOG.warning("browser launcher still running after 10 s: " + cmd.get(0));
            }
        } catch (IOException e) {
            LOG.warning("could not open the browser (" + cmd.get(0) + "): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
