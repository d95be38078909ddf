package io.captivewatch.desktop.tray.sni;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

import java.util.List;

/**
 * {@code org.kde.StatusNotifierItem}, the tray icon protocol of KDE, Ubuntu's GNOME (AppIndicator), Xfce,
 * Cinnamon, MATE, Budgie, LXQt and waybar (https://www.freedesktop.org/wiki/Specifications/StatusNotifierItem/).
 * The properties are served through {@code org.freedesktop.DBus.Properties} by {@link SniTray}.
 */
@DBusInterfaceName("org.kde.StatusNotifierItem")
public interface StatusNotifierItem extends DBusInterface {
    /** A menu was asked for at screen position x, y (only when the host does not show {@code Menu} itself). */
    void ContextMenu(int x, int y);

    /** Left click: the item's main action. */
    void Activate(int x, int y);

    /** Middle click. */
    void SecondaryActivate(int x, int y);

    void Scroll(int delta, String orientation);

    /** One icon image: ARGB32 pixels in network byte order, row by row. D-Bus type {@code (iiay)}. */
    final class Pixmap extends Struct {
        @Position(0) public final int width;
        @Position(1) public final int height;
        @Position(2) public final byte[] data;

        public Pixmap(int width, int height, byte[] data) {
            this.width = width;
            this.height = height;
            this.data = data;
        }
    }

    /** D-Bus type {@code (sa(iiay)ss)}: icon name, icon pixmaps, title, description. */
    final class ToolTip extends Struct {
        @Position(0) public final String iconName;
        @Position(1) public final List<Pixmap> iconPixmap;
        @Position(2) public final String title;
        @Position(3) public final String description;

        public ToolTip(String iconName, List<Pixmap> iconPixmap, String title, String description) {
            this.iconName = iconName;
            this.iconPixmap = iconPixmap;
            this.title = title;
            this.description = description;
        }
    }

    class NewTitle extends DBusSignal {
        public NewTitle(String path) throws DBusException {
            super(path);
        }
    }

    class NewIcon extends DBusSignal {
        public NewIcon(String path) throws DBusException {
            super(path);
        }
    }

    class NewAttentionIcon extends DBusSignal {
        public NewAttentionIcon(String path) throws DBusException {
            super(path);
        }
    }

    class NewToolTip extends DBusSignal {
        public NewToolTip(String path) throws DBusException {
            super(path);
        }
    }

    class NewStatus extends DBusSignal {
        public final String status;

        public NewStatus(String path, String status) throws DBusException {
            super(path, status);
            this.status = status;
        }
    }
}
