package io.captivewatch.desktop.tray;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrayHintTest {
    @Test
    void gnomeGetsTheAppIndicatorHintWhateverItsPrefix() {
        assertThat(TrayHint.forDesktop(Map.of("XDG_CURRENT_DESKTOP", "GNOME"))).hasValue(TrayHint.gnome());
        assertThat(TrayHint.forDesktop(Map.of("XDG_CURRENT_DESKTOP", "ubuntu:GNOME"))).hasValue(TrayHint.gnome());
        assertThat(TrayHint.gnome()).contains("gnome-shell-extension-appindicator");
    }

    @Test
    void otherDesktopsGetNone() {
        assertThat(TrayHint.forDesktop(Map.of())).isEmpty();
        assertThat(TrayHint.forDesktop(Map.of("XDG_CURRENT_DESKTOP", "KDE"))).isEmpty();
        assertThat(TrayHint.forDesktop(Map.of("XDG_CURRENT_DESKTOP", "GNOME-Flashback:Unity"))).isEmpty();
    }
}
