package io.captivewatch.desktop.login;

import io.captivewatch.testing.Await;
import io.captivewatch.core.url.WebUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login window as a real child JVM ({@code Main --login-window}, headless Monocle handed down from this
 * test JVM's properties) on pages of a loopback site: shown, navigated, closed by "online", by close(), by
 * its owner going away, by a crash; and what happens when no child can start.
 */
class LoginWindowProcessTest {
    private static final Duration START = Duration.ofSeconds(60); // JVM + JavaFX + WebKit under a loaded CI machine
    private static final Duration EXIT = Duration.ofSeconds(20);

    private TestSite site;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> debug = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
    private LoginWindowProcess login;

    @BeforeEach
    void setUp() throws IOException {
        site = TestSite.http()
                .page("/login", "text/html", "<html><title>Portal</title><body><form><button>Accept</button></form></body></html>")
                .page("/terms", "text/html", "<html><body>Terms</body></html>")
                .page("/looping", "text/plain", "ok")
                // a synchronous request blocks the FX thread from the moment it reaches the site, then the loop does
                .page("/spin", "text/html", "<html><body>spin<script>window.onload = function () {"
                        + " var x = new XMLHttpRequest(); x.open('GET', '/looping', false); x.send(); while (true) {} };"
                        + "</script></body></html>");
    }

    @AfterEach
    void tearDown() {
        if (login != null) login.close();
        site.close();
    }

    private LoginWindowProcess process(List<String> command) {
        login = new LoginWindowProcess(() -> command, new LoginEvents() {
            @Override
            public void shown(URI url) {
                events.add("shown " + url);
            }

            @Override
            public void pageActivity() {
                pages.incrementAndGet();
            }

            @Override
            public void loadFailed(URI url, String reason) {
                events.add("load-failed " + reason);
            }

            @Override
            public void closed() {
                events.add("closed");
            }

            @Override
            public void failed(WebUrl url, String why) {
                events.add("failed " + url + " " + why);
            }
        }, debug::add);
        return login;
    }

    @Test
    void opensInAChildThatLeavesWhenTheNetworkIsOnline() throws Exception {
        LoginWindowProcess p = process(LoginWindowProcess.commandForThisJvm());
        URI url = site.url("/login");
        p.open(WebUrl.require(url));
        Await.until("the window shown", () -> events.contains("shown " + url), START);
        ProcessHandle child = p.process().orElseThrow();
        assertThat(child.pid()).isNotEqualTo(ProcessHandle.current().pid());
        Await.until("the page fetched by the child", () -> site.requests().stream().anyMatch(r -> r.path().equals("/login")), START);

        p.online();
        Await.until("closed after the online banner", () -> events.contains("closed"), EXIT);
        assertThat(child.onExit().get(EXIT.toSeconds(), TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(p.isRunning()).isFalse();
        assertThat(events).containsExactly("shown " + url, "closed");
    }

    @Test
    void everyPageTheChildLoadsOrIsAskedForIsReportedSoTheTrayCanReCheck() throws Exception {
        // issue #17: the tray re-checks on each page of the login window (Android and GNOME do), not only on its timer
        LoginWindowProcess p = process(LoginWindowProcess.commandForThisJvm());
        p.open(WebUrl.require(site.url("/login")));
        Await.until("the first page reported (asked for, loaded)", () -> pages.get() >= 2, START);
        int before = pages.get();
        p.open(WebUrl.require(site.url("/terms")));
        Await.until("the next page reported too", () -> pages.get() >= before + 2, START);
    }

    @Test
    void aPreparedProcessShowsNothingUntilOpenedThenServesTheWindow() throws Exception {
        LoginWindowProcess p = process(LoginWindowProcess.commandForThisJvm());
        p.prepare();
        ProcessHandle prepared = p.process().orElseThrow();
        p.prepare(); // already there: no second process
        assertThat(p.process().orElseThrow().pid()).isEqualTo(prepared.pid());
        assertThat(events).as("no window yet").isEmpty();

        URI url = site.url("/login");
        p.open(WebUrl.require(url));
        Await.until("shown by the prepared process", () -> events.contains("shown " + url), START);
        assertThat(p.process().orElseThrow().pid()).isEqualTo(prepared.pid());
        p.online();
        Await.until("closed", () -> events.contains("closed"), EXIT);
        assertThat(prepared.onExit().get(EXIT.toSeconds(), TimeUnit.SECONDS).isAlive()).isFalse();
    }

    @Test
    void aPreparedProcessThatIsNotNeededEndsByItselfAndTheNextOpenStillWorks() throws Exception {
        List<String> cmd = new ArrayList<>(LoginWindowProcess.commandForThisJvm());
        cmd.add(1, "-D" + LoginWindowMain.IDLE_LIMIT_PROPERTY + "=2");
        LoginWindowProcess p = process(cmd);
        p.prepare();
        ProcessHandle prepared = p.process().orElseThrow();
        assertThat(prepared.onExit().get(START.toSeconds(), TimeUnit.SECONDS).isAlive()).as("ended by itself").isFalse();
        Await.until("forgotten", () -> !p.isRunning(), EXIT);
        assertThat(events).as("an unused process is no failure and no window").isEmpty();

        URI url = site.url("/login");
        p.open(WebUrl.require(url));
        Await.until("shown by a fresh process", () -> events.contains("shown " + url), START);
        assertThat(p.process().orElseThrow().pid()).isNotEqualTo(prepared.pid());
    }

    @Test
    void aSecondOpenNavigatesTheSameWindowAndANewOneFollowsAClose() throws Exception {
        LoginWindowProcess p = process(LoginWindowProcess.commandForThisJvm());
        URI first = site.url("/login"), second = site.url("/terms");
        p.open(WebUrl.require(first));
        Await.until("first shown", () -> events.contains("shown " + first), START);
        long pid = p.process().orElseThrow().pid();
        p.open(WebUrl.require(second));
        Await.until("second shown", () -> events.contains("shown " + second), START);
        assertThat(p.process().orElseThrow().pid()).as("same child").isEqualTo(pid);

        ProcessHandle old = p.process().orElseThrow();
        p.close();
        assertThat(old.isAlive()).isFalse();
        Await.until("closed reported", () -> events.contains("closed"), EXIT);

        p.open(WebUrl.require(first));
        Await.until("shown again", () -> events.stream().filter(e -> e.equals("shown " + first)).count() == 2, START);
        assertThat(p.process().orElseThrow().pid()).as("a new child").isNotEqualTo(pid);
    }

    @Test
    void aChildThatCrashesIsReportedClosedAndReplacedOnTheNextOpen() throws Exception {
        LoginWindowProcess p = process(LoginWindowProcess.commandForThisJvm());
        URI url = site.url("/login");
        p.open(WebUrl.require(url));
        Await.until("shown", () -> events.contains("shown " + url), START);
        ProcessHandle child = p.process().orElseThrow();
        child.destroyForcibly();
        Await.until("closed reported after the crash", () -> events.contains("closed"), EXIT);
        Await.until("no child", () -> !p.isRunning(), EXIT);
        p.open(WebUrl.require(url));
        Await.until("a new window", () -> events.stream().filter(e -> e.equals("shown " + url)).count() == 2, START);
        assertThat(p.process().orElseThrow().pid()).isNotEqualTo(child.pid());
    }

    @Test
    void theChildLeavesWhenItsOwnerGoesAway() throws Exception {
        // the owner's side of the pipe closes (as when the tray process dies): the window must not outlive it
        Process child = new ProcessBuilder(LoginWindowProcess.commandForThisJvm())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            child.getOutputStream().write(("open " + site.url("/login") + "\n").getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().flush();
            var out = new BufferedInputStream(child.getInputStream());
            assertThat(nextReport(out)).contains("shown " + site.url("/login"));
            child.getOutputStream().close();
            assertThat(child.waitFor(EXIT.toSeconds(), TimeUnit.SECONDS)).as("exited after stdin ended").isTrue();
            assertThat(child.exitValue()).isZero();
            assertThat(nextReport(out)).contains("closed");
        } finally {
            child.destroyForcibly();
        }
    }

    /**
     * The child's next line other than {@code page} (issue #17: the child reports every page it loads or is asked
     * for, in between its other reports), at most 64 lines on.
     */
    private static java.util.Optional<String> nextReport(BufferedInputStream out) throws java.io.IOException {
        for (int i = 0; i < 64; i++) {
            java.util.Optional<String> line = LoginProtocol.readLine(out);
            if (line.isEmpty() || !line.get().equals(LoginProtocol.PAGE)) return line;
        }
        throw new AssertionError("only page lines from the child");
    }

    /** A child (its heartbeat turned far off) whose page has blocked its FX thread for good. */
    private Process hungChild() throws Exception {
        List<String> cmd = new ArrayList<>(LoginWindowProcess.commandForThisJvm());
        cmd.add(1, "-D" + LoginWindowMain.HANG_LIMIT_PROPERTY + "=600");
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        child.getOutputStream().write(("open " + site.url("/spin") + "\n").getBytes(StandardCharsets.UTF_8));
        child.getOutputStream().flush();
        assertThat(nextReport(new BufferedInputStream(child.getInputStream()))).contains("shown " + site.url("/spin"));
        Await.until("the page's script blocking the window", () -> site.requests().stream().anyMatch(r -> r.path().equals("/looping")), START);
        return child;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"close", "online", "end of input"})
    void aChildWhosePageLoopsForeverStillEnds(String how) throws Exception {
        Process child = hungChild();
        try {
            if (how.equals("end of input")) {
                child.getOutputStream().close();
            } else {
                child.getOutputStream().write((how + "\n").getBytes(StandardCharsets.UTF_8));
                child.getOutputStream().flush();
            }
            assertThat(child.waitFor(EXIT.toSeconds(), TimeUnit.SECONDS)).as("the child ended after " + how).isTrue();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aChildWhosePageBlocksItsWindowEndsByItself() throws Exception {
        List<String> cmd = new ArrayList<>(LoginWindowProcess.commandForThisJvm());
        cmd.add(1, "-D" + LoginWindowMain.HANG_LIMIT_PROPERTY + "=2");
        LoginWindowProcess p = process(cmd);
        URI spin = site.url("/spin");
        p.open(WebUrl.require(spin));
        Await.until("shown", () -> events.contains("shown " + spin), START);
        ProcessHandle child = p.process().orElseThrow();
        Await.until("the page's script blocking the window", () -> site.requests().stream().anyMatch(r -> r.path().equals("/looping")), START);
        assertThat(child.onExit().get(EXIT.toSeconds(), TimeUnit.SECONDS).isAlive()).as("ended by its heartbeat").isFalse();
        Await.until("closed reported", () -> events.contains("closed"), EXIT);
    }

    @Test
    void aLaterSignInGoesToANewChildWhenThePageHungTheOldOne() throws Exception {
        List<String> cmd = new ArrayList<>(LoginWindowProcess.commandForThisJvm());
        cmd.add(1, "-D" + LoginWindowMain.HANG_LIMIT_PROPERTY + "=600"); // only the tray side can notice
        LoginWindowProcess p = process(cmd);
        URI spin = site.url("/spin"), login = site.url("/login");
        p.open(WebUrl.require(spin));
        Await.until("shown", () -> events.contains("shown " + spin), START);
        ProcessHandle hung = p.process().orElseThrow();
        Await.until("the page's script blocking the window", () -> site.requests().stream().anyMatch(r -> r.path().equals("/looping")), START);

        p.open(WebUrl.require(login));
        Await.until("the sign-in shown by a new child", () -> events.contains("shown " + login),
                LoginWindowProcess.ANSWER_LIMIT.plus(START));
        assertThat(p.process().orElseThrow().pid()).isNotEqualTo(hung.pid());
        assertThat(hung.onExit().get(EXIT.toSeconds(), TimeUnit.SECONDS).isAlive()).as("the hung child is killed").isFalse();
    }

    @Test
    void theChildRefusesANonWebUrlAndShowsNothing() throws Exception {
        Process child = new ProcessBuilder(LoginWindowProcess.commandForThisJvm())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            child.getOutputStream().write("open file:///etc/passwd\n".getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().flush();
            assertThat(child.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("exited without a window").isTrue();
            assertThat(LoginProtocol.readLine(new BufferedInputStream(child.getInputStream()))).isEmpty();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void noChildCanStartSoTheCallerIsToldToFallBack() {
        URI url = site.url("/login");
        process(List.of(Path.of("/nonexistent/bin/java").toString(), LoginWindowMain.ARGUMENT)).open(WebUrl.require(url));
        assertThat(events).singleElement().asString().startsWith("failed " + url + " could not start");
    }

    @Test
    void aChildThatEndsBeforeShowingIsAFailureNotAWindow() {
        List<String> cmd = new ArrayList<>(LoginWindowProcess.commandForThisJvm());
        cmd.set(cmd.size() - 1, "version"); // Main runs the CLI's version command and exits 0 without a window
        URI url = site.url("/login");
        process(cmd).open(WebUrl.require(url));
        Await.until("failure reported", () -> events.stream().anyMatch(e -> e.startsWith("failed " + url)), START);
        assertThat(events).noneMatch(e -> e.startsWith("shown") || e.equals("closed"));
    }

    @Test
    void refusesToOpenANonWebUrl() {
        LoginWindowProcess p = process(LoginWindowProcess.commandForThisJvm());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.open(WebUrl.require(URI.create("file:///etc/passwd"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(p.isRunning()).isFalse();
    }
}
