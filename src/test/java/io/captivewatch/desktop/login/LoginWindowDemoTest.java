package io.captivewatch.desktop.login;

import io.captivewatch.desktop.fx.Fx;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the screenshot demo working, and leaves the PNGs in target/screenshots for people to look at. */
class LoginWindowDemoTest {
    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @Test
    void rendersEveryViewToAPng() throws Exception {
        Path out = Path.of(System.getProperty("captivewatch.screenshots", "target/screenshots"));
        List<Path> files = LoginWindowDemo.snapshots(out);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("login-window.png", "login-blocked.png",
                "login-online.png", "login-certificate-error.png", "advice.png", "advice-offline.png", "inspector.png");
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertThat(img.getWidth()).as(f.toString()).isGreaterThanOrEqualTo(600);
            assertThat(colours(img, 0, img.getHeight())).as(f + " is not blank").isGreaterThan(8);
        }
        // the WebView painted the portal page: its heading is dark text on white below the toolbar
        BufferedImage login = ImageIO.read(files.get(0).toFile());
        assertThat(colours(login, 50, 110)).as("page content rendered in the WebView").isGreaterThan(8);
    }

    private static int colours(BufferedImage img, int fromY, int toY) {
        Set<Integer> seen = new HashSet<>();
        for (int y = fromY; y < toY; y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) seen.add(img.getRGB(x, y));
        }
        return seen.size();
    }
}
