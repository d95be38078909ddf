package io.captivewatch.desktop.tray.sni;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** {@code org.kde.StatusNotifierWatcher} at {@code /StatusNotifierWatcher}: where items register. */
@DBusInterfaceName("org.kde.StatusNotifierWatcher")
public interface StatusNotifierWatcher extends DBusInterface {
    String BUS_NAME = "org.kde.StatusNotifierWatcher";
    String PATH = "/StatusNotifierWatcher";

    /** Registers an item by its bus name (its object is then at {@code /StatusNotifierItem}). */
    void RegisterStatusNotifierItem(String service);
}
