package io.captivewatch.desktop.icons;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import java.awt.image.BufferedImage;

/** The painted icons as JavaFX images (status window, window icons). */
public final class FxImages {
    private FxImages() {}

    /** A JavaFX copy of an ARGB image. */
    public static Image of(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        WritableImage out = new WritableImage(w, h);
        out.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return out;
    }

    /** A state's icon at {@code size} px. */
    public static Image state(StatusIcon s, int size) {
        return of(IconPainter.paint(s, size));
    }

    /** The app icon at {@code size} px, for window title bars. */
    public static Image app(int size) {
        return of(IconPainter.paintApp(size));
    }
}
