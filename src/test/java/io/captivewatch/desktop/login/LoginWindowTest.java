package io.captivewatch.desktop.login;

import io.captivewatch.desktop.fx.Fx;
import io.captivewatch.core.url.WebUrl;

import javafx.concurrent.Worker;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.io.OutputStream;
import java.net.CookieHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginWindowTest {
    static final Duration LOAD = Duration.ofSeconds(20);

    TestSite site;
    LoginWindow window;
    final List<String> events = new CopyOnWriteArrayList<>();
    final LoginEvents listener = new LoginEvents() {
        @Override public void closed() { events.add("closed"); }
        @Override public void loadFailed(URI url, String reason) { events.add("failed " + url + " " + reason); }
        @Override public void blocked(BlockedEvent e) { events.add("blocked " + e.kind()); }
    };

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @BeforeEach
    void serve() throws Exception {
        site = TestSite.http();
    }

    @AfterEach
    void cleanUp() {
        if (window != null) Fx.run(window::close);
        Fx.run(() -> {
            for (Window w : new ArrayList<>(Window.getWindows())) if (w instanceof Stage s && w != primary()) s.close();
        });
        site.close();
    }

    static Window primary() {
        try {
            return org.testfx.api.FxToolkit.toolkitContext().getRegisteredStage();
        } catch (Exception e) {
            return null;
        }
    }

    LoginWindow open(URI url) {
        window = Fx.call(() -> LoginWindow.open(WebUrl.require(url), listener));
        return window;
    }

    void awaitLoaded(String pathSuffix) {
        Fx.until("page " + pathSuffix + " loaded", LOAD, () -> window.engine() != null
                && window.engine().getLoadWorker().getState() == Worker.State.SUCCEEDED
                && window.engine().getLocation().endsWith(pathSuffix));
    }

    /** Waits until the original /page (with its #p) is shown again, and checks the address line. */
    void awaitPageBack() {
        try {
        Fx.until("back on /page", LOAD, () -> !window.engine().getLoadWorker().isRunning()
                && window.engine().getDocument() != null && window.engine().getDocument().getDocumentURI().endsWith("/page")
                && window.engine().getDocument().getElementById("p") != null);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; state " + Fx.call(() -> window.engine().getLoadWorker().getState()
                    + " doc " + (window.engine().getDocument() == null ? null : window.engine().getDocument().getDocumentURI())
                    + " location " + window.engine().getLocation() + " status " + window.statusText()));
        }
        assertThat(text("address")).endsWith("/page");
    }

    Object js(String script) {
        return Fx.call(() -> window.engine().executeScript(script));
    }

    String docUrl() {
        return Fx.call(() -> window.engine().getDocument() == null ? null : window.engine().getDocument().getDocumentURI());
    }

    String text(String id) {
        return Fx.call(() -> label(id));
    }

    /** A label's text; FX thread only (inside {@link Fx#until} conditions). */
    String label(String id) {
        return ((Label) window.stage().getScene().lookup("#" + id)).getText();
    }

    static final String PORTAL = """
            <!doctype html><html><head><title>Hotel Wi-Fi</title></head><body style="font-family:sans-serif">
            <h1>Welcome to Hotel Wi-Fi</h1>
            <form method="post" action="/login">
              <label>Room <input name="room" value="101"></label>
              <label><input type="checkbox" name="accept" checked> I accept the terms</label>
              <button id="go" type="submit" style="font-size:20px;padding:8px 20px">Connect</button>
            </form></body></html>""";

    @Test
    void portalFormSubmitThenOnlineBannerClosesTheWindowByItself() {
        site.html("/portal", PORTAL);
        site.handle("/login", ex -> {
            byte[] b = "<html><body><h1 id=ok>You are connected</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) { o.write(b); }
        });
        open(site.url("/portal"));
        awaitLoaded("/portal");
        assertThat(text("host")).isEqualTo("127.0.0.1:" + site.url("/").getPort());
        assertThat(text("security")).isEqualTo("Not secure");

        // a real click on the submit button, where the WebView draws it
        javafx.geometry.Point2D at = Fx.call(() -> {
            WebView v = (WebView) window.stage().getScene().lookup(".web-view");
            Object x = window.engine().executeScript("var r=document.getElementById('go').getBoundingClientRect(); r.left + r.width/2");
            Object y = window.engine().executeScript("var r=document.getElementById('go').getBoundingClientRect(); r.top + r.height/2");
            return v.localToScreen(((Number) x).doubleValue(), ((Number) y).doubleValue());
        });
        new FxRobot().clickOn(at);
        Fx.until("the POST reached the portal", LOAD, () -> site.requests().stream().anyMatch(r -> r.method().equals("POST")));
        assertThat(site.requests().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow().body())
                .contains("room=101").contains("accept=on");
        Fx.until("the answer page shows", LOAD, () -> window.engine().getDocument() != null
                && window.engine().getDocument().getElementById("ok") != null);

        long start = System.nanoTime();
        Fx.run(window::showOnlineAndClose);
        assertThat(Fx.call(() -> window.stage().getScene().lookup("#onlineBanner").isVisible())).isTrue();
        assertThat(Fx.call(window::isShowing)).isTrue();
        Fx.until("the window closes by itself", Duration.ofSeconds(10), () -> !window.isShowing());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).isBetween((long) LoginWindow.ONLINE_BANNER_TIME.toMillis() - 250, 8000L); // the banner stays its time (0.75 s)
        assertThat(events).contains("closed");
        assertThat(Fx.call(() -> window.engine())).as("WebView released").isNull();
        assertThat(CookieHandler.getDefault()).isNotSameAs(window.cookies());
    }

    @Test
    void theWindowFitsSmallScreensAndKeepsItsSizeOnLargeOnes() {
        javafx.geometry.Dimension2D big = LoginWindow.initialSize(new javafx.geometry.Rectangle2D(0, 0, 1920, 1050));
        assertThat(big).isEqualTo(LoginWindow.PREFERRED_SIZE);
        javafx.geometry.Dimension2D netbook = LoginWindow.initialSize(new javafx.geometry.Rectangle2D(0, 24, 1024, 576));
        assertThat(netbook.getWidth()).isEqualTo(960);
        assertThat(netbook.getHeight()).isLessThanOrEqualTo(576 * 0.9); // room for the title bar
        javafx.geometry.Dimension2D tiny = LoginWindow.initialSize(new javafx.geometry.Rectangle2D(0, 0, 400, 300));
        assertThat(tiny).isEqualTo(new javafx.geometry.Dimension2D(480, 360)); // the window's minimum
    }

    @Test
    void aWindowBuiltAheadWithWebKitStartedHasItsEngineAsItOpensAndShowsThePage() {
        site.html("/portal", PORTAL);
        boolean engineAtOpen = Fx.call(() -> {
            LoginWindow.prepare();
            assertThat(LoginWindow.prepareWebView()).isTrue();
            assertThat(LoginWindow.prepareWebView()).as("once is enough").isFalse();
            window = LoginWindow.open(WebUrl.require(site.url("/portal")), listener);
            return window.engine() != null; // without WebKit started ahead, the WebView comes a pulse later
        });
        assertThat(engineAtOpen).isTrue();
        awaitLoaded("/portal");
        assertThat(Fx.call(() -> window.stage().getScene().lookup(".web-view"))).isNotNull();
        assertThat(text("address")).endsWith("/portal");
        Fx.run(window::close);
        assertThat(Fx.call(() -> window.engine())).as("WebView released").isNull();
        assertThat(events).containsExactly("closed");
    }

    @Test
    void aWindowBuiltAheadWithoutWebKitGetsItsWebViewAfterItShows() {
        site.html("/portal", PORTAL);
        boolean engineAtOpen = Fx.call(() -> {
            LoginWindow.prepare();
            window = LoginWindow.open(WebUrl.require(site.url("/portal")), listener);
            return window.engine() != null;
        });
        assertThat(engineAtOpen).isFalse();
        awaitLoaded("/portal");
    }

    @Test
    void prepareWebViewWithoutAWindowBuiltAheadDoesNothing() {
        site.html("/portal", PORTAL);
        open(site.url("/portal")); // uses up any window built ahead
        awaitLoaded("/portal");
        assertThat(Fx.call(LoginWindow::prepareWebView)).as("a window is open, none built ahead: nothing to do").isFalse();
        assertThat(Fx.call(() -> window.engine().getLocation())).endsWith("/portal");
    }

    @Test
    void aNewSignInDuringTheOnlineBannerKeepsTheWindowOpen() {
        site.html("/portal", PORTAL);
        open(site.url("/portal"));
        awaitLoaded("/portal");
        Fx.run(window::showOnlineAndClose);
        LoginWindow again = Fx.call(() -> LoginWindow.open(WebUrl.require(site.url("/portal")), listener)); // the network is captive again
        assertThat(again).isSameAs(window);
        assertThat(Fx.call(() -> window.stage().getScene().lookup("#onlineBanner").isVisible())).isFalse();
        // the banner's close would have come after ONLINE_BANNER_TIME: wait past it, on the FX clock
        java.util.concurrent.CountDownLatch past = new java.util.concurrent.CountDownLatch(1);
        Fx.run(() -> {
            javafx.animation.PauseTransition t = new javafx.animation.PauseTransition(LoginWindow.ONLINE_BANNER_TIME.multiply(2));
            t.setOnFinished(e -> past.countDown());
            t.play();
        });
        Fx.until("twice the banner time passed", Duration.ofSeconds(20), () -> past.getCount() == 0);
        assertThat(Fx.call(window::isShowing)).as("still open").isTrue();
        assertThat(events).doesNotContain("closed");
    }

    @Test
    void javascriptAndFileLinksAreBlockedAndLogged() {
        site.html("/page", """
                <html><head><title>start</title></head><body>
                <a id="js" href="javascript:document.title='pwned'">js</a>
                <a id="file" href="file:///etc/hostname">file</a>
                <a id="custom" href="ms-settings:network">custom</a>
                </body></html>""");
        open(site.url("/page"));
        awaitLoaded("/page");
        js("document.getElementById('js').click()");
        js("document.getElementById('file').click()");
        js("document.getElementById('custom').click()");
        Fx.until("three link blocks", LOAD, () -> window.blockedEvents().size() >= 3);
        assertThat(Fx.call(window::blockedEvents)).extracting(BlockedEvent::kind).containsOnly(BlockedEvent.Kind.LINK);
        assertThat(js("document.title")).isEqualTo("start");
        assertThat(docUrl()).endsWith("/page");
        assertThat(Fx.call(window::statusText)).containsIgnoringCase("blocked").contains("ms-settings");
        assertThat(events).contains("blocked LINK");
    }

    @Test
    void scriptNavigationToFileOrDataIsBlockedAndThePageStays() {
        site.html("/page", "<html><head><title>start</title></head><body><p id=p>here</p></body></html>");
        site.handle("/redirect-file", ex -> { ex.getResponseHeaders().add("Location", "file:///etc/hostname"); ex.sendResponseHeaders(302, -1); });
        site.handle("/redirect-data", ex -> { ex.getResponseHeaders().add("Location", "data:text/html,<h1 id=p>data</h1>"); ex.sendResponseHeaders(302, -1); });
        open(site.url("/page"));
        awaitLoaded("/page");
        for (String target : List.of("data:text/html,<h1 id=p>data</h1>", "file:///etc/hostname", "jar:file:///x.jar!/a.html", "foo-app:open")) {
            // navigate away and, in the same script, set a timer on this document: when it fires, the
            // navigation had its chance; if it had replaced the page the title would never become 'tick'.
            js("document.title='start'; setTimeout(function(){ document.title = 'tick'; }, 300);"
                    + " window.location.href = '" + target + "';");
            Fx.until("the timer of the original page ran after " + target, LOAD,
                    () -> "tick".equals(window.engine().getTitle()));
            assertThat(docUrl()).endsWith("/page");
            assertThat(js("document.getElementById('p').textContent")).isEqualTo("here");
            assertThat(text("address")).endsWith("/page");
            assertThat(Fx.call(window::errorShown)).isFalse();
        }
        for (String redirect : List.of("/redirect-file", "/redirect-data")) {
            int before = Fx.call(() -> window.blockedEvents().size());
            js("window.location.href = '" + redirect + "';");
            Fx.until("the redirect of " + redirect + " is reported", LOAD, () -> window.blockedEvents().size() > before);
            assertThat(Fx.call(window::blockedEvents).get(before).kind()).isEqualTo(BlockedEvent.Kind.NAVIGATION);
            awaitPageBack();
            assertThat(js("document.getElementById('p').textContent")).isEqualTo("here");
            assertThat(text("address")).endsWith("/page");
            assertThat(Fx.call(window::errorShown)).isFalse();
        }
        // whatever WebKit refused itself needs no entry; whatever reached the location was blocked by us
        System.out.println("script navigations blocked by the window: " + Fx.call(window::blockedEvents));
    }

    @Test
    void aNavigationThatGetsPastWebKitIsStillBlockedByTheLocationWatch() {
        // WebKit refuses file:/data: from a web page itself; engine.load has no such check, so it stands in
        // for any navigation that would get through: the window's location watch must stop it.
        site.html("/page", "<html><head><title>start</title></head><body><p id=p>here</p></body></html>");
        open(site.url("/page"));
        awaitLoaded("/page");
        for (String target : List.of("file:///etc/hostname", "data:text/html,<p id=p>data</p>")) {
            int before = Fx.call(() -> window.blockedEvents().size());
            Fx.run(() -> window.engine().load(target));
            Fx.until("blocked " + target, LOAD, () -> window.blockedEvents().size() > before);
            Fx.until("back on the page after " + target, LOAD, () -> window.engine().getLoadWorker().getState() == Worker.State.SUCCEEDED
                    && window.engine().getDocument() != null && window.engine().getDocument().getDocumentURI().endsWith("/page"));
            assertThat(js("document.getElementById('p').textContent")).isEqualTo("here");
            assertThat(Fx.call(window::blockedEvents).get(before).kind()).isEqualTo(BlockedEvent.Kind.NAVIGATION);
            assertThat(text("address")).endsWith("/page");
            assertThat(Fx.call(window::statusText)).startsWith("Blocked a " + target.substring(0, target.indexOf(':')) + ":");
        }
    }

    @Test
    void downloadsAreRefusedWithAMessage() {
        site.html("/page", "<html><body><p id=p>page</p><a id=dl href='/file.bin'>get</a></body></html>");
        site.page("/file.bin", "application/octet-stream", "binary-stuff-".repeat(100),
                "Content-Disposition", "attachment; filename=\"file.bin\"");
        open(site.url("/page"));
        awaitLoaded("/page");
        js("document.getElementById('dl').click()");
        Fx.until("download refused", LOAD, () -> window.blockedEvents().stream().anyMatch(e -> e.kind() == BlockedEvent.Kind.DOWNLOAD));
        awaitPageBack();
        assertThat(Fx.call(window::statusText)).isEqualTo(io.captivewatch.core.i18n.Messages.t(PageGuards.DOWNLOAD_REFUSED));
        assertThat(Fx.call(window::errorShown)).isFalse();
    }

    @Test
    void aPageWithoutContentTypeStillDisplays() {
        site.page("/bare", null, "<html><head><title>bare</title></head><body><h1 id=h>No type</h1></body></html>");
        open(site.url("/bare"));
        Fx.until("bare page shows", LOAD, () -> window.engine().getDocument() != null
                && window.engine().getDocument().getElementById("h") != null);
        assertThat(Fx.call(window::blockedEvents)).isEmpty();
    }

    @Test
    void windowOpenStaysInsideTheWindow() {
        site.html("/page", "<html><body><button id=b onclick=\"window.open('/second','_blank')\">open</button></body></html>");
        site.html("/second", "<html><body><p id=second>second</p></body></html>");
        open(site.url("/page"));
        awaitLoaded("/page");
        int windowsBefore = Fx.call(() -> Window.getWindows().size());
        js("document.getElementById('b').click()");
        Fx.until("second page in the same window", LOAD, () -> window.engine().getLocation().endsWith("/second")
                && window.engine().getLoadWorker().getState() == Worker.State.SUCCEEDED);
        assertThat(Fx.call(() -> Window.getWindows().size())).isEqualTo(windowsBefore);
    }

    @Test
    void anAlertLoopDoesNotPileUpDialogs() {
        site.html("/spam", "<html><body><script>for (var i = 0; i < 25; i++) alert('spam ' + i);</script><p id=p>x</p></body></html>");
        open(site.url("/spam"));
        awaitLoaded("/spam");
        assertThat(Fx.call(() -> openDialogs())).isEqualTo(1);
        assertThat(Fx.call(() -> window.dialogGate().suppressed())).isEqualTo(24);
        // closing it and spamming again: the rate limit (3 per 10 s) holds
        for (int round = 0; round < 4; round++) {
            Fx.run(() -> Window.getWindows().stream().filter(w -> w != window.stage() && w != primary() && w.isShowing())
                    .toList().forEach(Window::hide));
            js("alert('again')");
        }
        assertThat(Fx.call(() -> openDialogs())).isLessThanOrEqualTo(1);
        assertThat(Fx.call(() -> window.dialogGate().suppressed())).isGreaterThanOrEqualTo(25);
        assertThat(Fx.call(window::blockedEvents)).extracting(BlockedEvent::kind).contains(BlockedEvent.Kind.DIALOG);
    }

    long openDialogs() {
        return Window.getWindows().stream().filter(w -> w != window.stage() && w != primary() && w.isShowing()).count();
    }

    @Test
    void aSelfSignedCertificateShowsTheCertificateErrorView(@TempDir Path dir) throws Exception {
        try (TestSite tls = TestSite.httpsSelfSigned(dir)) {
            tls.html("/portal", PORTAL);
            open(tls.url("/portal"));
            Fx.until("certificate error view", LOAD, window::errorShown);
            assertThat(text("errorTitle")).containsIgnoringCase("certificate");
            assertThat(text("security")).as("https with a bad certificate is not 'secure'").isEqualTo("Not secure: certificate error");
            assertThat(text("errorHost")).isEqualTo("127.0.0.1:" + tls.url("/").getPort());
            assertThat(Fx.call(() -> window.stage().getScene().lookup("#errorOpenInBrowser"))).isNotNull();
            Fx.until("reason diagnosed", LOAD, () -> label("errorReason").contains("authority this computer trusts"));
            assertThat(Fx.call(window::blockedEvents)).extracting(BlockedEvent::kind).contains(BlockedEvent.Kind.CERTIFICATE);
            assertThat(tls.requests()).as("the page was never fetched").isEmpty();
        }
    }

    @Test
    void pagesFindNoJavaObjects() {
        site.html("/probe", """
                <html><body><script>
                var found = [typeof window.java, typeof window.app, typeof window.javaBridge, typeof window.captivewatch];
                try { found.push(typeof java.lang.Runtime); } catch (e) { found.push('error'); }
                document.title = found.join(',');
                </script></body></html>""");
        open(site.url("/probe"));
        awaitLoaded("/probe");
        assertThat(js("document.title")).isEqualTo("undefined,undefined,undefined,undefined,error");
        assertThat(js("Object.keys(window).filter(function(k){return /java|bridge|app/i.test(k)}).join(',')")).isEqualTo("");
    }

    @Test
    void aHugePageLeavesTheAppResponsive() {
        String chunk = "<p>" + "lorem ipsum dolor sit amet ".repeat(36) + "</p>\n"; // ~1 KB
        StringBuilder sb = new StringBuilder(11 * 1024 * 1024).append("<html><body>");
        while (sb.length() < 10 * 1024 * 1024) sb.append(chunk);
        sb.append("<p id=end>end</p></body></html>");
        site.html("/huge", sb.toString());
        open(site.url("/huge"));
        long worst = 0;
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        boolean done = false;
        while (!done && System.nanoTime() < end) {
            long t = System.nanoTime();
            done = Fx.call(() -> window.engine().getLoadWorker().getState() == Worker.State.SUCCEEDED);
            worst = Math.max(worst, (System.nanoTime() - t) / 1_000_000);
            try { Thread.sleep(50); } catch (InterruptedException e) { throw new AssertionError(e); }
        }
        System.out.println("huge page: loaded=" + done + ", worst FX round trip " + worst + " ms");
        assertThat(done).as("the 10 MB page loaded").isTrue();
        assertThat(worst).as("worst FX thread round trip while a 10 MB page loads").isLessThan(3000);
        // the window still reacts: the status line and the close button work
        Fx.run(window::close);
        assertThat(Fx.call(window::isShowing)).isFalse();
    }

    @Test
    void eachWindowHasItsOwnCookieJarDroppedOnClose() {
        List<String> cookieHeaders = new CopyOnWriteArrayList<>();
        site.page("/set", "text/html", "<html><body>set</body></html>", "Set-Cookie", "session=abc; Path=/");
        site.handle("/echo", ex -> {
            cookieHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Cookie")));
            byte[] b = "<html><body>echo</body></html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) { o.write(b); }
        });
        open(site.url("/set"));
        awaitLoaded("/set");
        assertThat(Fx.call(() -> window.cookies().cookieCount())).isEqualTo(1);
        Fx.run(() -> window.engine().load(site.url("/echo").toString()));
        awaitLoaded("/echo");
        Fx.run(window::close);
        assertThat(Fx.call(() -> window.cookies().cookieCount())).isZero();
        open(site.url("/echo"));
        awaitLoaded("/echo");
        assertThat(cookieHeaders).containsExactly("session=abc", "null");
    }

    @Test
    void backForwardAndReloadWork() {
        site.html("/a", "<html><body><p id=p>a</p><a id=next href='/b'>next</a></body></html>");
        site.html("/b", "<html><body><p id=p>b</p></body></html>");
        open(site.url("/a"));
        awaitLoaded("/a");
        assertThat(Fx.call(() -> window.stage().getScene().lookup("#back").isDisabled())).isTrue();
        js("document.getElementById('next').click()");
        awaitLoaded("/b");
        Fx.until("back enabled", LOAD, () -> !window.stage().getScene().lookup("#back").isDisabled());
        Fx.run(() -> ((javafx.scene.control.Button) window.stage().getScene().lookup("#back")).fire());
        awaitLoaded("/a");
        assertThat(text("address")).endsWith("/a");
        Fx.until("forward enabled", LOAD, () -> !window.stage().getScene().lookup("#forward").isDisabled());
        Fx.run(() -> ((javafx.scene.control.Button) window.stage().getScene().lookup("#forward")).fire());
        awaitLoaded("/b");
        long before = site.requests().stream().filter(r -> r.path().equals("/b")).count();
        Fx.run(() -> ((javafx.scene.control.Button) window.stage().getScene().lookup("#reload")).fire());
        Fx.until("reloaded", LOAD, () -> site.requests().stream().filter(r -> r.path().equals("/b")).count() > before);
        awaitLoaded("/b");
    }

    @Test
    void subResourcesWithSchemesOtherThanHttpNeverLeaveThePage() throws Exception {
        List<String> ftpConnections = new CopyOnWriteArrayList<>();
        try (java.net.ServerSocket ftp = new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!ftp.isClosed()) {
                    try (java.net.Socket s = ftp.accept()) {
                        ftpConnections.add(s.getRemoteSocketAddress().toString());
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "fake-ftp");
            acceptor.setDaemon(true);
            acceptor.start();
            String jarHttp = "jar:" + site.url("/big.jar") + "!/x.png";
            site.page("/big.jar", "application/java-archive", "PK not really a jar");
            site.page("/sentinel.png", "image/png", "");
            site.page("/after-fetch", "text/plain", "ok");
            site.html("/page", "<html><body><p id=p>x</p>"
                    + "<img src='" + jarHttp + "'>"
                    + "<img src='ftp://127.0.0.1:" + ftp.getLocalPort() + "/x.png'>"
                    + "<img src='mailto:a@b.example'>"
                    + "<link rel=stylesheet href='ftp://127.0.0.1:" + ftp.getLocalPort() + "/x.css'>"
                    + "<iframe src='" + jarHttp + "'></iframe>"
                    + "<img src='/sentinel.png'>" // after the others in document order
                    + "<script>function after(){ fetch('/after-fetch'); }"
                    + "fetch('" + jarHttp + "').then(after, after);"
                    + "var x = new XMLHttpRequest(); try { x.open('GET', 'ftp://127.0.0.1:" + ftp.getLocalPort() + "/y'); x.send(); } catch (e) {}"
                    + "</script></body></html>");
            open(site.url("/page"));
            awaitLoaded("/page"); // the load event: every image, frame and stylesheet is done (or refused)
            Fx.until("the page's script went past its fetch", LOAD,
                    () -> site.requests().stream().anyMatch(r -> r.path().equals("/after-fetch")));
            assertThat(site.requests()).extracting(TestSite.Request::path).contains("/sentinel.png")
                    .as("the archive inside jar:http: is never fetched").doesNotContain("/big.jar");
            // one more round trip through the FX thread and the site, so a late connection would have arrived
            js("fetch('/sentinel.png?again')");
            Fx.until("the last fetch", LOAD, () -> site.requests().stream().filter(r -> r.path().equals("/sentinel.png")).count() >= 2);
            assertThat(ftpConnections).as("no FTP session is opened").isEmpty();
            assertThat(site.requests()).extracting(TestSite.Request::path).doesNotContain("/big.jar");
        }
    }

    @Test
    void thePagesStorageStaysInAPrivateFolderThatIsRemovedOnceNoEngineCanWrite() throws Exception {
        site.html("/page", "<html><body><p id=p>x</p></body></html>");
        open(site.url("/page"));
        awaitLoaded("/page");
        js("localStorage.setItem('k', 'v'.repeat(1000))");
        Path data = Fx.call(window::userDataDir);
        Path root = data.getParent();
        assertThat(root).as("not the shared temp directory itself")
                .isNotEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        if (root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.Files.getPosixFilePermissions(root)).as("only we can enter the data folder's parent")
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        Fx.run(window::close);
        Fx.until("the window's data folder is deleted (off the FX thread)", LOAD, () -> !java.nio.file.Files.exists(data));
        assertThat(data).as("the window's data folder goes on close").doesNotExist();
        // WebKit may still write (and recreate the folder) after close: whatever it writes stays inside root,
        // which goes when no engine is left to write (at exit, or here by hand)
        assertThat(Fx.call(LoginWindow::privateRoot)).isEqualTo(root);
        LoginWindow.removePrivateData();
        assertThat(root).as("the private folder is removed").doesNotExist();
    }

    @Test
    void closingTheWindowByHandReleasesEverything() {
        site.html("/page", "<html><body><p id=p>x</p></body></html>");
        open(site.url("/page"));
        awaitLoaded("/page");
        assertThat(CookieHandler.getDefault()).isSameAs(window.cookies());
        js("localStorage.setItem('k', 'v')");
        Path data = Fx.call(window::userDataDir);
        assertThat(data).isDirectory();
        java.lang.ref.WeakReference<Object> engine = new java.lang.ref.WeakReference<>(Fx.call(window::engine));
        java.lang.ref.WeakReference<Object> view = new java.lang.ref.WeakReference<>(
                Fx.call(() -> window.stage().getScene().lookup(".web-view")));
        Fx.run(() -> window.stage().hide()); // as the window manager's close button does
        assertThat(events).contains("closed");
        assertThat(Fx.call(window::isShowing)).isFalse();
        assertThat(CookieHandler.getDefault()).isNotSameAs(window.cookies());
        assertThat(Fx.call(LoginWindow::current)).isEmpty();
        Fx.until("the data folder is deleted (off the FX thread)", LOAD, () -> !java.nio.file.Files.exists(data));
        assertThat(data).as("the WebView's private data directory is deleted").doesNotExist();
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while ((engine.get() != null || view.get() != null) && System.nanoTime() < end) {
            System.gc();
            Fx.run(() -> { }); // let FX-thread disposal run between collections
            try { Thread.sleep(50); } catch (InterruptedException e) { throw new AssertionError(e); }
        }
        assertThat(view.get()).as("WebView collected after close").isNull();
        assertThat(engine.get()).as("WebEngine collected after close").isNull();
    }

    @Test
    void openInBrowserHandsTheWebPageToTheSystemBrowser(@TempDir Path dir) throws Exception {
        List<URI> opened = new CopyOnWriteArrayList<>();
        java.util.function.Consumer<URI> real = BrowserLauncher.launcher;
        BrowserLauncher.launcher = opened::add;
        try (TestSite tls = TestSite.httpsSelfSigned(dir)) {
            site.html("/page", "<html><body><p id=p>x</p></body></html>");
            tls.html("/portal", PORTAL);
            open(site.url("/page"));
            awaitLoaded("/page");
            Fx.run(() -> ((javafx.scene.control.Button) window.stage().getScene().lookup("#openInBrowser")).fire());
            Fx.until("browser asked for the page", LOAD, () -> opened.contains(site.url("/page")));
            Fx.run(() -> window.engine().load(tls.url("/portal").toString()));
            Fx.until("certificate error view", LOAD, window::errorShown);
            Fx.run(() -> ((javafx.scene.control.Button) window.stage().getScene().lookup("#errorOpenInBrowser")).fire());
            Fx.until("browser asked for the https page", LOAD, () -> opened.contains(tls.url("/portal")));
            assertThat(opened).allMatch(u -> u.getScheme().startsWith("http"));
        } finally {
            BrowserLauncher.launcher = real;
        }
    }

    @Test
    void openRefusesNonWebUrlsAndOffThreadCalls() {
        assertThatThrownBy(() -> Fx.call(() -> LoginWindow.open(WebUrl.require(URI.create("file:///etc/passwd")), listener)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fx.call(() -> LoginWindow.open(WebUrl.require(URI.create("javascript:alert(1)")), listener)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginWindow.open(WebUrl.require(site.url("/")), listener)).isInstanceOf(IllegalStateException.class);
        assertThat(Fx.call(LoginWindow::current)).isEmpty();
    }

    @Test
    void aConnectionFailureShowsTheLoadErrorAndTellsTheListener() throws Exception {
        URI dead;
        try (TestSite gone = TestSite.http()) {
            dead = gone.url("/portal");
        }
        open(dead);
        Fx.until("load error view", LOAD, window::errorShown);
        assertThat(text("errorTitle")).contains("could not be loaded");
        assertThat(events).anyMatch(e -> e.startsWith("failed " + dead));
        Node advice = Fx.call(() -> window.stage().getScene().lookup("#adviceButton"));
        assertThat(advice).isNotNull();
    }
}
