package io.captivewatch.desktop.tray.sni;

import io.captivewatch.desktop.icons.IconPainter;
import io.captivewatch.desktop.icons.StatusIcon;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PixmapsTest {
    @Test
    void pixelsAreArgb32InNetworkByteOrderRowByRow() {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x80112233);
        img.setRGB(1, 0, 0xFFAABBCC);
        img.setRGB(0, 1, 0x00000000);
        img.setRGB(1, 1, 0x01020304);
        assertThat(Pixmaps.argb32(img)).containsExactly(
                0x80, 0x11, 0x22, 0x33, 0xFF, 0xAA, 0xBB, 0xCC,
                0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04);
    }

    @Test
    void aPremultipliedImageIsSentStraight() {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB_PRE);
        img.setRGB(0, 0, 0x80FF0000); // half-transparent red
        byte[] px = Pixmaps.argb32(img);
        assertThat(px[0] & 0xFF).isEqualTo(0x80);
        assertThat(px[1] & 0xFF).as("red not premultiplied to ~0x80").isGreaterThan(0xF0);
    }

    @Test
    void everyStateIsOfferedAtEverySizeInItsOwnColour() {
        Pixmaps p = new Pixmaps();
        for (StatusIcon s : StatusIcon.values()) {
            List<StatusNotifierItem.Pixmap> all = p.of(s);
            assertThat(all).extracting(m -> m.width).containsExactly(16, 22, 24, 32, 44, 48, 64);
            for (StatusNotifierItem.Pixmap m : all) {
                assertThat(m.height).isEqualTo(m.width);
                assertThat(m.data).hasSize(m.width * m.height * 4);
            }
            StatusNotifierItem.Pixmap big = all.get(all.size() - 1);
            // a pixel inside the shape's fill, clear of the glyph: the state's colour, opaque
            int i = (50 * 64 + 12) * 4; // inside every shape (circle, tile, triangle), clear of every glyph
            assertThat(big.data[i] & 0xFF).as("%s alpha", s).isEqualTo(0xFF);
            assertThat(new int[] {big.data[i + 1] & 0xFF, big.data[i + 2] & 0xFF, big.data[i + 3] & 0xFF}).as("%s colour", s)
                    .containsExactly(IconPainter.colour(s).getRed(), IconPainter.colour(s).getGreen(), IconPainter.colour(s).getBlue());
            // corners are transparent: the panel shows through
            assertThat(big.data[0]).isZero();
        }
        assertThat(p.of(StatusIcon.ONLINE)).isSameAs(p.of(StatusIcon.ONLINE));
    }
}
