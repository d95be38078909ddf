package io.captivewatch.core.advice;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.i18n.Messages;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The advice catalog, kept as data in {@code advice.json} beside this class, and the rule that picks
 * entries for what a check saw: an entry applies when the verdict is one of its verdicts, at least
 * one of its {@code whenAny} facts holds (if it lists any), and none of its {@code unless} facts. Each entry's
 * title and body are in the message bundles ({@code advice.<id>.title}, {@code advice.<id>.body}, core/i18n), so
 * the ids stay stable while the words follow the user's language.
 */
public final class AdviceCatalog {

    record Entry(String id, Set<Verdict> verdicts, Set<Fact> whenAny, Set<Fact> unless, String title, String body,
                 Map<Os, List<String>> commands) {}

    private static final AdviceCatalog BUILT_IN = load();

    private final List<Entry> entries;

    AdviceCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static AdviceCatalog builtIn() {
        return BUILT_IN;
    }

    /**
     * Advice for a check's result, in catalog order, with commands for {@code os}: what the tray's "What can I do?",
     * the login window's advice, the inspector and the CLI show.
     *
     * @param networkName    the Wi-Fi name for commands that need it (those are left out when null or blank); it is
     *                       quoted for the OS's shell, or shown as a placeholder when it cannot be ({@link ShellArgument})
     * @param pageLoadFailed the login window could not load the portal's page ({@link Fact#PAGE_LOAD_FAILED})
     */
    public List<Advice> select(Classification c, Os os, String networkName, boolean pageLoadFailed) {
        return select(c, os, networkName, pageLoadFailed, Messages.current());
    }

    /** The same, worded in {@code messages}' language (titles and bodies are {@code advice.<id>.title/.body}). */
    public List<Advice> select(Classification c, Os os, String networkName, boolean pageLoadFailed, Messages messages) {
        Set<Fact> facts = EnumSet.noneOf(Fact.class);
        facts.addAll(Fact.of(c));
        if (pageLoadFailed) facts.add(Fact.PAGE_LOAD_FAILED);
        return select(c.verdict(), facts, os, networkName, messages);
    }

    /** {@link #select(Classification, Os, String, boolean)} when no page failed to load. */
    public List<Advice> select(Classification c, Os os, String networkName) {
        return select(c, os, networkName, false);
    }

    public List<Advice> select(Verdict verdict, Set<Fact> facts, Os os, String networkName) {
        return select(verdict, facts, os, networkName, Messages.current());
    }

    public List<Advice> select(Verdict verdict, Set<Fact> facts, Os os, String networkName, Messages messages) {
        List<Advice> out = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.verdicts().contains(verdict)) continue;
            if (!e.whenAny().isEmpty() && e.whenAny().stream().noneMatch(facts::contains)) continue;
            if (e.unless().stream().anyMatch(facts::contains)) continue;
            List<String> cmds = new ArrayList<>();
            for (String cmd : e.commands().getOrDefault(os, List.of())) {
                if (cmd.contains("{ssid}")) {
                    if (networkName == null || networkName.isBlank()) continue; // no name: skip rather than show a placeholder
                    cmd = cmd.replace("{ssid}", ShellArgument.quote(networkName, os)); // one literal word, never shell syntax
                }
                cmds.add(cmd);
            }
            String title = e.title() != null ? e.title() : messages.get("advice." + e.id() + ".title");
            String body = e.body() != null ? e.body() : messages.get("advice." + e.id() + ".body");
            out.add(new Advice(e.id(), title, body, cmds));
        }
        return out;
    }

    /** Every command template per OS, as written in the catalog (for tests). */
    Map<Os, List<String>> templates() {
        Map<Os, List<String>> out = new EnumMap<>(Os.class);
        for (Entry e : entries) e.commands().forEach((os, cmds) -> out.computeIfAbsent(os, k -> new ArrayList<>()).addAll(cmds));
        return out;
    }

    /** Every entry id, for tests and docs. */
    public List<String> ids() {
        return entries.stream().map(Entry::id).toList();
    }

    private static AdviceCatalog load() {
        try (InputStream in = AdviceCatalog.class.getResourceAsStream("advice.json")) {
            if (in == null) throw new IllegalStateException("advice.json is missing from the build");
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AdviceCatalog parse(Reader reader) {
        JsonObject root = JsonParser.parseReader(reader).getAsJsonObject();
        List<Entry> entries = new ArrayList<>();
        for (JsonElement el : root.getAsJsonArray("entries")) {
            JsonObject o = el.getAsJsonObject();
            Set<Verdict> verdicts = EnumSet.noneOf(Verdict.class);
            for (String v : strings(o.getAsJsonArray("verdicts"))) verdicts.add(Verdict.valueOf(v.toUpperCase(Locale.ROOT)));
            Set<Fact> when = facts(o.getAsJsonArray("whenAny"));
            Set<Fact> unless = facts(o.getAsJsonArray("unless"));
            Map<Os, List<String>> commands = new EnumMap<>(Os.class);
            if (o.has("commands")) {
                JsonObject c = o.getAsJsonObject("commands");
                for (String k : c.keySet()) {
                    List<String> cmds = strings(c.getAsJsonArray(k));
                    for (String cmd : cmds) {
                        if (cmd.matches("(?s).*([\"'\\\\]\\{ssid}|\\{ssid}[\"'\\\\]).*")) {
                            throw new IllegalArgumentException("{ssid} is quoted by the catalog; write it bare: " + cmd);
                        }
                    }
                    commands.put(Os.valueOf(k.toUpperCase(Locale.ROOT)), cmds);
                }
            }
            entries.add(new Entry(o.get("id").getAsString(), verdicts, when, unless,
                    optional(o, "title"), optional(o, "body"), commands));
        }
        return new AdviceCatalog(entries);
    }

    /** A catalog's own text (tests); the built-in catalog has none and takes its words from the bundles. */
    private static String optional(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsString() : null;
    }

    private static Set<Fact> facts(JsonArray a) {
        Set<Fact> out = EnumSet.noneOf(Fact.class);
        for (String s : strings(a)) out.add(Fact.valueOf(s.toUpperCase(Locale.ROOT)));
        return out;
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        if (a != null) a.forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
