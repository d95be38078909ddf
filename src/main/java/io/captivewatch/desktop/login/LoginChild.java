package io.captivewatch.desktop.login;

import io.captivewatch.core.url.WebUrl;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One login-window child process as {@link LoginWindowProcess} holds it: the process, its stdin, the thread
 * that reads its reports, and what has passed between them so far (the opens sent and answered that the open
 * deadlines are checked against). Its state fields are the owner's to guard, as marked.
 */
final class LoginChild {
    /** Where the reader thread hands the child's lines, and its end. Called on that thread. */
    interface Reports {
        void line(LoginChild c, LoginProtocol.Message m);

        /** The child's stdout ended (it exited or is exiting). */
        void ended(LoginChild c);
    }

    final Process process;
    private final OutputStream in;
    volatile WebUrl pending; // an open sent and not yet acknowledged with "shown"
    volatile boolean shown;
    volatile boolean windowClosed;
    int opensSent; // guarded by the owner
    int opensAnswered; // guarded by the owner
    final boolean prepared; // started by prepare(), without a window
    final List<String> command;

    private LoginChild(Process process, List<String> command, boolean prepared) {
        this.command = List.copyOf(command);
        this.prepared = prepared;
        this.process = process;
        this.in = process.getOutputStream();
    }

    /**
     * Starts the child and its reader; with a {@code url}, sends it {@code open url} first.
     *
     * @throws IOException when it cannot start, or closes its input at once
     */
    static LoginChild start(List<String> cmd, WebUrl url, Reports reports, Consumer<String> debug) throws IOException {
        return start(cmd, url, List.of(), reports, debug);
    }

    /** As {@link #start(List, WebUrl, Reports, Consumer)}, with {@code dns SERVERS} before the open when given. */
    static LoginChild start(List<String> cmd, WebUrl url, List<String> dns, Reports reports, Consumer<String> debug) throws IOException {
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT) // its log lines join ours
                .start();
        LoginChild c = new LoginChild(p, cmd, url == null);
        c.pending = url;
        if (url != null && !((dns.isEmpty() || c.send(LoginProtocol.dns(dns)))
                && c.send(LoginProtocol.message(LoginProtocol.OPEN, url.toString())))) {
            p.destroyForcibly();
            throw new IOException("the login window process closed its input at once");
        }
        Thread reader = new Thread(() -> c.read(reports, debug), "captivewatch-login-process");
        reader.setDaemon(true);
        reader.start();
        debug.accept("login process started (pid " + p.pid() + ")");
        return c;
    }

    private void read(Reports reports, Consumer<String> debug) {
        try (var out = new BufferedInputStream(process.getInputStream())) {
            Optional<String> line;
            while ((line = LoginProtocol.readLine(out)).isPresent()) {
                reports.line(this, LoginProtocol.parse(line.get()));
            }
        } catch (IOException e) {
            debug.accept("login process output: " + e.getMessage());
        } catch (RuntimeException e) {
            debug.accept("login process event failed: " + e);
        } finally {
            closeInput();
            reports.ended(this);
        }
    }

    /** Sends one line; false when the child is gone or no longer reads. */
    synchronized boolean send(LoginProtocol.Message m) {
        if (!process.isAlive() || windowClosed) return false;
        try {
            in.write((m.line() + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    synchronized void closeInput() {
        try {
            in.close();
        } catch (IOException ignored) {
            // the child is gone already
        }
    }
}
