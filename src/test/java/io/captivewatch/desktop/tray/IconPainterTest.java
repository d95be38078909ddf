package io.captivewatch.desktop.tray;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IconPainterTest {

    @Test
    void everyStatePaintsItsOwnColourAtEverySize() {
        for (int size : new int[]{16, 22, 24, 32, 48, 64, 128}) {
            Set<Integer> colours = new HashSet<>();
            for (TrayState s : TrayState.values()) {
                BufferedImage img = IconPainter.paint(s, size);
                assertThat(img.getWidth()).isEqualTo(size);
                // a point inside every shape and off every glyph: (20, 54) on the 64 grid
                Color c = new Color(img.getRGB(size * 20 / 64, size * 54 / 64), true);
                assertThat(c.getAlpha()).as("%s at %d px is opaque there", s, size).isGreaterThan(200);
                assertThat(distance(c, IconPainter.colour(s))).as("%s at %d px: %s", s, size, c).isLessThan(40);
                colours.add(IconPainter.colour(s).getRGB());
                // transparent corner (all shapes keep the corner pixel clear)
                assertThat(new Color(img.getRGB(0, 0), true).getAlpha()).isLessThan(60);
            }
            assertThat(colours).hasSize(TrayState.values().length);
        }
    }

    @Test
    void appIconHasAllSizes() {
        assertThat(IconPainter.paintApp(256).getWidth()).isEqualTo(256);
        assertThat(new Color(IconPainter.paintApp(256).getRGB(40, 128))).isEqualTo(IconPainter.BLUE);
    }

    static int distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue());
    }
}
