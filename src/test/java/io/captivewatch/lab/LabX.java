package io.captivewatch.lab;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A private Xvfb display (and optionally trayer as the tray host) for the lab's desktop test. Clients in the
 * client namespace reach it through its socket file in /tmp/.X11-unix (abstract sockets are per network
 * namespace, the file is not). X tools run with a time bound each.
 */
final class LabX implements AutoCloseable {
    final String display;
    private final Process xvfb;
    private Process trayer;

    private LabX(String display, Process xvfb) {
        this.display = display;
        this.xvfb = xvfb;
    }

    /** Starts Xvfb 1280x800 on a free display number and waits (bounded) until it answers. */
    static LabX start() throws IOException, InterruptedException {
        int first = 300 + new Random().nextInt(600);
        for (int i = 0; i < 30; i++) {
            int n = first + i;
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) continue;
            Process p = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            LabX x = new LabX(":" + n, p);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (p.isAlive() && System.nanoTime() < end) {
                if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && x.tool(3, "xdotool", "getdisplaygeometry").ok()) return x;
                Thread.sleep(50); // poll interval of a bounded wait
            }
            x.close();
        }
        throw new IOException("no free X display found");
    }

    /** Starts trayer (XEmbed tray host) at the top right and waits for its window. */
    void startTray() throws IOException, InterruptedException {
        trayer = env(new ProcessBuilder("trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
                "--height", "32", "--SetDockType", "true", "--transparent", "false", "--expand", "true", "--tint", "0xffffff"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            if (!tool(3, "xdotool", "search", "--class", "trayer").stdout().isBlank()) return;
            Thread.sleep(50);
        }
        throw new IOException("no trayer window within 15 s");
    }

    ProcessBuilder env(ProcessBuilder pb) {
        pb.environment().put("DISPLAY", display);
        pb.environment().remove("XAUTHORITY");
        return pb;
    }

    /** Environment for a process that should use this display. */
    Map<String, String> environment() {
        return Map.of("DISPLAY", display);
    }

    /** Runs an X tool on this display, bounded by {@code seconds}. */
    Lab.Exec tool(int seconds, String... cmd) {
        List<String> c = new ArrayList<>(List.of("env", "DISPLAY=" + display));
        c.addAll(List.of(cmd));
        return Lab.run(Duration.ofSeconds(seconds), c.toArray(String[]::new));
    }

    /** Visible window ids whose name matches {@code regex}. */
    List<String> windowsNamed(String regex) {
        Lab.Exec r = tool(5, "xdotool", "search", "--onlyvisible", "--name", regex);
        List<String> ids = new ArrayList<>();
        for (String l : r.stdout().split("\n")) if (l.trim().matches("\\d+")) ids.add(l.trim());
        return ids;
    }

    /** A window's position and size on the screen, or null. */
    Rectangle geometry(String windowId) {
        Lab.Exec r = tool(5, "xdotool", "getwindowgeometry", "--shell", windowId);
        Map<String, Integer> v = new HashMap<>();
        for (String l : r.stdout().split("\n")) {
            String[] kv = l.trim().split("=");
            if (kv.length == 2 && kv[1].matches("-?\\d+")) v.put(kv[0], Integer.parseInt(kv[1]));
        }
        if (!v.keySet().containsAll(List.of("X", "Y", "WIDTH", "HEIGHT"))) return null;
        return new Rectangle(v.get("X"), v.get("Y"), v.get("WIDTH"), v.get("HEIGHT"));
    }

    /** The whole screen ({@code import -window root}), also saved to {@code file}. */
    BufferedImage screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile("cw-lab-screen", ".png");
        try {
            Lab.Exec r = tool(15, "import", "-window", "root", tmp.toString());
            if (!r.ok()) throw new IOException("import failed: " + r);
            Files.copy(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            return ImageIO.read(new File(tmp.toString()));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void close() {
        for (Process p : new Process[] {trayer, xvfb}) {
            if (p == null) continue;
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
