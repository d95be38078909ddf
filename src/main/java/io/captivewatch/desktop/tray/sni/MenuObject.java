package io.captivewatch.desktop.tray.sni;

import io.captivewatch.core.i18n.Messages;
import io.captivewatch.desktop.tray.TrayStatus;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The exported {@code com.canonical.dbusmenu} object at {@link SniTray#MENU_PATH}: the menu laid out from the
 * current status ({@link MenuTree}), and clicks handed to {@link SniTray}.
 */
final class MenuObject implements DBusMenu, Properties {
    private final Supplier<TrayStatus> status;
    private final Supplier<MenuTree.Node> told;
    private final LongSupplier revision;
    private final IntConsumer clicked;

    /**
     * @param told     the tree the host was last told of (which ids it may send events for)
     * @param revision the layout revision the host was last told of
     * @param clicked  a click on a menu item id, from the bus's thread
     */
    MenuObject(Supplier<TrayStatus> status, Supplier<MenuTree.Node> told, LongSupplier revision, IntConsumer clicked) {
        this.status = status;
        this.told = told;
        this.revision = revision;
        this.clicked = clicked;
    }

    static Map<String, Variant<?>> menuProperties() {
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        p.put("Version", new Variant<>(new UInt32(3)));
        p.put("TextDirection", new Variant<>(Messages.current().rightToLeft() ? "rtl" : "ltr"));
        p.put("Status", new Variant<>("normal"));
        p.put("IconThemePath", new Variant<>(List.of(), "as"));
        return p;
    }

    @Override
    public LayoutReply<UInt32, Layout> GetLayout(int parentId, int recursionDepth, List<String> propertyNames) {
        MenuTree.Node root = MenuTree.root(status.get());
        MenuTree.Node node = MenuTree.find(root, parentId)
                .orElseThrow(() -> new DBusExecutionException("No such menu item: " + parentId));
        return new LayoutReply<>(new UInt32(revision.getAsLong()), MenuTree.layout(node, recursionDepth, Set.copyOf(propertyNames)));
    }

    @Override
    public List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames) {
        MenuTree.Node root = MenuTree.root(status.get());
        List<ItemProperties> out = new ArrayList<>();
        for (MenuTree.Node n : MenuTree.all(root)) {
            if (ids.isEmpty() || ids.contains(n.id())) {
                out.add(new ItemProperties(n.id(), MenuTree.variants(n.properties(), Set.copyOf(propertyNames))));
            }
        }
        return out;
    }

    @Override
    public Variant<?> GetProperty(int id, String name) {
        Object v = MenuTree.find(MenuTree.root(status.get()), id).map(n -> n.properties().get(name)).orElse(null);
        if (v == null) throw new DBusExecutionException("No property " + name + " on menu item " + id);
        return new Variant<>(v);
    }

    @Override
    public void Event(int id, String eventId, Variant<?> data, UInt32 timestamp) {
        if ("clicked".equals(eventId)) clicked.accept(id);
    }

    @Override
    public List<Integer> EventGroup(List<MenuEvent> events) {
        List<Integer> unknown = new ArrayList<>();
        for (MenuEvent e : events) {
            if (MenuTree.find(told.get(), e.id).isEmpty()) unknown.add(e.id);
            else if ("clicked".equals(e.eventId)) clicked.accept(e.id);
        }
        return unknown;
    }

    @Override
    public boolean AboutToShow(int id) {
        return false;
    }

    @Override
    public AboutToShowGroupReply<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids) {
        List<Integer> unknown = new ArrayList<>();
        for (Integer id : ids) if (MenuTree.find(told.get(), id).isEmpty()) unknown.add(id);
        return new AboutToShowGroupReply<>(List.<Integer>of(), unknown);
    }

    @Override
    public <A> A Get(String iface, String name) {
        return SniTray.property(menuProperties(), iface, SniTray.MENU_INTERFACE, name);
    }

    @Override
    public <A> void Set(String iface, String name, A value) {
        throw new DBusExecutionException("Property " + name + " is read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
        return iface.isEmpty() || iface.equals(SniTray.MENU_INTERFACE) ? menuProperties() : Map.of();
    }

    @Override
    public String getObjectPath() {
        return SniTray.MENU_PATH;
    }
}
