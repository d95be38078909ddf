package io.captivewatch.core.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Child process for {@link SettingsStoreTest}: saves ever-changing settings in a loop and prints "saved N"
 * after each, until killed. Each generation N is self-consistent (every field derived from N) so a torn
 * write would show.
 */
public final class SaveLoop {
    public static void main(String[] args) throws Exception {
        SettingsStore store = new SettingsStore(Path.of(args[0]));
        long max = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        for (long n = 1; n <= max; n++) {
            store.save(generation(n));
            System.out.println("saved " + n);
            System.out.flush();
        }
    }

    /** Settings for generation n: 20 probes and 200 networks, all tagged with n. */
    static Settings generation(long n) {
        List<String> probes = new ArrayList<>();
        for (int i = 0; i < Settings.MAX_PROBES; i++) probes.add("http://probe" + i + ".test/gen" + n + "/generate_204");
        Map<String, NetworkPrefs> nets = new TreeMap<>();
        for (int i = 0; i < 200; i++) nets.put("ssid:net" + i + "-gen" + n, new NetworkPrefs(true, false));
        int online = 30 + (int) (n % 1000);
        return Settings.defaults().withProbes(probes).withNetworks(nets).withOnlineIntervalSeconds(online);
    }

    /** The generation a loaded Settings came from, or -1 if it is not a complete generation. */
    static long generationOf(Settings s) {
        if (s.probes().size() != Settings.MAX_PROBES || s.networks().size() != 200) return -1;
        String p = s.probes().get(0);
        int a = p.indexOf("/gen"), b = p.indexOf('/', a + 1);
        long n = Long.parseLong(p.substring(a + 4, b));
        return generation(n).equals(s) ? n : -1;
    }
}
