package io.captivewatch.desktop.icons;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Renders the PNG icons committed under {@code icons/png/}: every state at 16, 24, 32, 48 and 64 px
 * and the app icon at 16–256 px ({@code app-256.png} is what jpackage uses). Run after changing
 * {@link IconPainter}: {@code java -Djava.awt.headless=true -cp target/classes
 * io.captivewatch.desktop.icons.IconGenerator icons/png}.
 */
public final class IconGenerator {
    static final int[] STATE_SIZES = {16, 24, 32, 48, 64};
    static final int[] APP_SIZES = {16, 32, 48, 64, 128, 256};

    private IconGenerator() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "icons/png");
        write(out);
        System.out.println("icons written to " + out.toAbsolutePath());
    }

    /** Writes all PNGs into {@code dir} (created if missing). */
    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Set<String> written = new HashSet<>();
        for (StatusIcon s : StatusIcon.values()) {
            if (!written.add(s.fileName())) continue; // 401 and 407 share the padlock
            for (int size : STATE_SIZES) {
                ImageIO.write(IconPainter.paint(s, size), "png", dir.resolve(s.fileName() + "-" + size + ".png").toFile());
            }
        }
        for (int size : APP_SIZES) {
            ImageIO.write(IconPainter.paintApp(size), "png", dir.resolve("app-" + size + ".png").toFile());
        }
    }
}
