package io.captivewatch.desktop.icons;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IconPainterTest {

    @Test
    void everyIconPaintsItsOwnColourAtEverySize() {
        for (int size : new int[]{16, 22, 24, 32, 48, 64, 128}) {
            Set<Integer> colours = new HashSet<>();
            for (StatusIcon s : StatusIcon.values()) {
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
            assertThat(colours).as("one colour per icon file").hasSize(fileNames().size());
        }
    }

    @Test
    void statesThatShareAnIconFilePaintTheSamePicture() {
        BufferedImage server = IconPainter.paint(StatusIcon.AUTH_REQUIRED, 32), proxy = IconPainter.paint(StatusIcon.PROXY_AUTH_REQUIRED, 32);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) assertThat(proxy.getRGB(x, y)).isEqualTo(server.getRGB(x, y));
        }
        assertThat(fileNames()).hasSize(StatusIcon.values().length - 1);
    }

    static Set<String> fileNames() {
        Set<String> names = new HashSet<>();
        for (StatusIcon s : StatusIcon.values()) names.add(s.fileName());
        return names;
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
