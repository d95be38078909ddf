package io.captivewatch.testing;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
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
 * A private Xvfb display with a tray host (trayer), for system tests: started on a free display number,
 * torn down on close. Also runs X tools (xdotool, import) against it, each with a time bound. Processes in
 * a network namespace reach it too, through its socket file in /tmp/.X11-unix (abstract sockets are per
 * namespace, the file is not).
 */
public final class XDisplay implements AutoCloseable {
    public final String name;
    private final Process xvfb;
    private Process trayer;

    private XDisplay(String name, Process xvfb) {
        this.name = name;
        this.xvfb = xvfb;
    }

    /**
     * Starts Xvfb on a free display number (from a random start in 300..899, so parallel test runs and other
     * X servers rarely collide; a taken number makes Xvfb exit and the next one is tried) and waits until it answers.
     */
    public static XDisplay start() throws IOException {
        int first = 300 + new java.util.Random().nextInt(600);
        for (int i = 0; i < 50; i++) {
            int n = first + i;
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) continue;
            Process p = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            XDisplay d = new XDisplay(":" + n, p);
            boolean up = Await.holdsWithin(() -> !p.isAlive()
                    || Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && d.tool(3000, "xdotool", "getdisplaygeometry").exit == 0,
                    Duration.ofSeconds(15));
            if (up && p.isAlive()) return d;
            d.close();
        }
        throw new IOException("no free X display found");
    }

    /** Starts trayer (an XEmbed system tray) at the top right and waits for its window. */
    public void startTray() throws IOException {
        Path trayerLog = Files.createTempFile("trayer", ".log");
        trayer = env(new ProcessBuilder("trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
                "--height", "32", "--SetDockType", "true", "--transparent", "false", "--expand", "true",
                "--tint", "0xffffff"))
                .redirectErrorStream(true).redirectOutput(trayerLog.toFile()).start();
        if (!Await.holdsWithin(() -> !tool(3000, "xdotool", "search", "--class", "trayer").out.isBlank(), Duration.ofSeconds(15))) {
            throw new AssertionError("no trayer window on " + name + " within 15 s; trayer alive=" + trayer.isAlive()
                    + ", said: " + Files.readString(trayerLog));
        }
    }

    /** Stops the tray host (for tests of the no-tray fallback). */
    public void stopTray() {
        if (trayer != null) {
            trayer.destroy();
            waitOrKill(trayer);
            trayer = null;
        }
    }

    public ProcessBuilder env(ProcessBuilder pb) {
        pb.environment().put("DISPLAY", name);
        pb.environment().remove("XAUTHORITY");
        return pb;
    }

    public record Result(int exit, String out) {
        public boolean ok() {
            return exit == 0;
        }
    }

    /** Environment for a process that should use this display. */
    public java.util.Map<String, String> environment() {
        return java.util.Map.of("DISPLAY", name);
    }

    /** Runs an X tool on this display; exit -1 when it timed out. */
    public Result tool(long timeoutMs, String... cmd) {
        try {
            Process p = env(new ProcessBuilder(cmd)).redirectErrorStream(true).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "");
            }
            reader.join(1000);
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** A window's position and size, or null. */
    public java.awt.Rectangle geometry(String windowId) {
        Result r = tool(5000, "xdotool", "getwindowgeometry", "--shell", windowId);
        java.util.Map<String, Integer> v = new java.util.HashMap<>();
        for (String l : r.out.split("\n")) {
            String[] kv = l.trim().split("=");
            if (kv.length == 2 && kv[1].matches("-?\\d+")) v.put(kv[0], Integer.parseInt(kv[1]));
        }
        if (!v.keySet().containsAll(List.of("X", "Y", "WIDTH", "HEIGHT"))) return null;
        return new java.awt.Rectangle(v.get("X"), v.get("Y"), v.get("WIDTH"), v.get("HEIGHT"));
    }

    /** Window ids whose name matches {@code regex}. */
    public List<String> windowsNamed(String regex) {
        Result r = tool(5000, "xdotool", "search", "--onlyvisible", "--name", regex);
        List<String> ids = new ArrayList<>();
        for (String l : r.out.split("\n")) if (l.trim().matches("\\d+")) ids.add(l.trim());
        return ids;
    }

    /** A screenshot of the whole screen, also saved to {@code file} when not null. */
    public BufferedImage screenshot(Path file) throws IOException {
        Path tmp = Files.createTempFile("screen", ".png");
        try {
            Result r = tool(15000, "import", "-window", "root", tmp.toString());
            if (r.exit != 0) throw new IOException("import failed: " + r.out);
            if (file != null) {
                Files.createDirectories(file.getParent());
                Files.copy(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return ImageIO.read(tmp.toFile());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void close() {
        if (trayer != null) {
            trayer.destroy();
            waitOrKill(trayer);
        }
        xvfb.destroy();
        waitOrKill(xvfb);
    }

    private static void waitOrKill(Process p) {
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
