package io.captivewatch.desktop.tray.sni;

import io.captivewatch.core.i18n.Messages;
import io.captivewatch.desktop.icons.StatusIcon;
import io.captivewatch.desktop.tray.TrayStatus;
import io.captivewatch.desktop.tray.TrayText;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The exported {@code org.kde.StatusNotifierItem} object at {@link SniTray#ITEM_PATH}: its read-only properties
 * for the current status, and a left click ({@code Activate}) handed to {@link SniTray}.
 */
final class ItemObject implements StatusNotifierItem, Properties {
    private final Supplier<TrayStatus> status;
    private final Pixmaps pixmaps;
    private final Runnable activate;

    /** {@code activate} runs on the bus's thread: it should hand the work to the tray's own. */
    ItemObject(Supplier<TrayStatus> status, Pixmaps pixmaps, Runnable activate) {
        this.status = status;
        this.pixmaps = pixmaps;
        this.activate = activate;
    }

    /** The item's Status: NeedsAttention while a portal waits for a sign-in, else Active. */
    static String itemStatus(TrayStatus s) {
        return s.state() == StatusIcon.CAPTIVE ? "NeedsAttention" : "Active";
    }

    /** The tooltip body: state, session, network, last check, one per line (hosts may read it as markup: escaped). */
    static String description(TrayStatus s, Instant now) {
        TrayText words = TrayText.current();
        ZoneId zone = ZoneId.systemDefault();
        StringBuilder b = new StringBuilder(words.headline(s, zone));
        words.sessionLine(s, now).ifPresent(l -> b.append('\n').append(l));
        b.append('\n').append(words.networkLine(s)).append('\n').append(words.lastCheckLine(s, zone));
        return b.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The org.kde.StatusNotifierItem properties for the current status. */
    Map<String, Variant<?>> itemProperties() {
        TrayStatus s = status.get();
        List<StatusNotifierItem.Pixmap> icon = pixmaps.of(s.state());
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        p.put("Category", new Variant<>("ApplicationStatus"));
        p.put("Id", new Variant<>("captivewatch"));
        p.put("Title", new Variant<>(Messages.t("app.name")));
        p.put("Status", new Variant<>(itemStatus(s)));
        p.put("WindowId", new Variant<>(0));
        p.put("IconThemePath", new Variant<>(""));
        p.put("IconName", new Variant<>(""));
        p.put("IconPixmap", new Variant<>(icon, SniTray.PIXMAPS));
        p.put("OverlayIconName", new Variant<>(""));
        p.put("OverlayIconPixmap", new Variant<>(List.of(), SniTray.PIXMAPS));
        p.put("AttentionIconName", new Variant<>(""));
        p.put("AttentionIconPixmap", new Variant<>(icon, SniTray.PIXMAPS));
        p.put("AttentionMovieName", new Variant<>(""));
        p.put("ToolTip", new Variant<>(new StatusNotifierItem.ToolTip("", List.of(), Messages.t("app.name"),
                description(s, Instant.now())), SniTray.TOOLTIP));
        p.put("ItemIsMenu", new Variant<>(false));
        p.put("Menu", new Variant<>(new DBusPath(SniTray.MENU_PATH)));
        return p;
    }

    @Override
    public void ContextMenu(int x, int y) {
        // hosts show the exported Menu themselves; there is no menu of our own to pop up
    }

    @Override
    public void Activate(int x, int y) {
        activate.run();
    }

    @Override
    public void SecondaryActivate(int x, int y) {}

    @Override
    public void Scroll(int delta, String orientation) {}

    @Override
    public <A> A Get(String iface, String name) {
        return SniTray.property(itemProperties(), iface, SniTray.ITEM_INTERFACE, name);
    }

    @Override
    public <A> void Set(String iface, String name, A value) {
        throw new DBusExecutionException("Property " + name + " is read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
        return iface.isEmpty() || iface.equals(SniTray.ITEM_INTERFACE) ? itemProperties() : Map.of();
    }

    @Override
    public String getObjectPath() {
        return SniTray.ITEM_PATH;
    }
}
