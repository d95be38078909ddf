package io.captivewatch.desktop.tray.sni;

import io.captivewatch.desktop.icons.IconPainter;
import io.captivewatch.desktop.icons.StatusIcon;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The state icons as StatusNotifierItem pixmaps: painted by {@link IconPainter} at every size a host may pick
 * (16 to 64 px, so a panel at 2× scale gets a sharp 44/48 px image, not a blurred 22), each as ARGB32 in network
 * byte order (A, R, G, B per pixel, not premultiplied), as the specification asks. Painted once per state, on
 * first use.
 */
public final class Pixmaps {
    /** Sizes offered: the usual panel sizes at 1× and 2×. */
    public static final int[] SIZES = {16, 22, 24, 32, 44, 48, 64};

    private final Map<StatusIcon, List<StatusNotifierItem.Pixmap>> cache = new EnumMap<>(StatusIcon.class);

    /** The pixmaps of a state's icon, smallest first. */
    public synchronized List<StatusNotifierItem.Pixmap> of(StatusIcon state) {
        return cache.computeIfAbsent(state, s -> {
            List<StatusNotifierItem.Pixmap> out = new ArrayList<>(SIZES.length);
            for (int size : SIZES) out.add(pixmap(IconPainter.paint(s, size)));
            return List.copyOf(out);
        });
    }

    /** One image as a pixmap. */
    public static StatusNotifierItem.Pixmap pixmap(BufferedImage img) {
        return new StatusNotifierItem.Pixmap(img.getWidth(), img.getHeight(), argb32(img));
    }

    /** The image's pixels as ARGB32 in network byte order, rows top to bottom. */
    public static byte[] argb32(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 4];
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y); // non-premultiplied sRGB, whatever the image's own type
                out[i++] = (byte) (argb >>> 24);
                out[i++] = (byte) (argb >>> 16);
                out[i++] = (byte) (argb >>> 8);
                out[i++] = (byte) argb;
            }
        }
        return out;
    }
}
