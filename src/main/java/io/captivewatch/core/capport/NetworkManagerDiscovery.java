package io.captivewatch.core.capport;

import io.captivewatch.core.os.CommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NetworkManager: {@code nmcli -t -f GENERAL.DEVICE,DHCP4.OPTION,DHCP6.OPTION device show}, lines like
 * {@code DHCP4.OPTION[7]:captive_portal = http://...} (newer NM names it), or
 * {@code unknown_114}/{@code private_114}/{@code dhcp6_...103} with a hex or string value (older NM,
 * the dhclient backend).
 */
public final class NetworkManagerDiscovery implements CapportDiscovery {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern LINE = Pattern.compile(
            "(?im)^(DHCP[46])\\.OPTION\\[\\d+\\]:\\s*([A-Za-z0-9_\\-]+)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern DEVICE = Pattern.compile("(?im)^GENERAL\\.DEVICE:(.*)$");
    private static final Pattern KEY = Pattern.compile("(?i)(captive[_-]?portal|(^|[_-])(114|103)$)");

    private final CommandRunner runner;

    /** Asks nmcli through {@code runner}. */
    public NetworkManagerDiscovery(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public Optional<DiscoveredUri> discover() {
        CommandRunner.Result r = runner.run(
                List.of("nmcli", "-t", "-f", "GENERAL.DEVICE,DHCP4.OPTION,DHCP6.OPTION", "device", "show"), TIMEOUT);
        if (!r.ok()) return Optional.empty();
        return parse(r.stdout());
    }

    /** Parses {@code nmcli -t} output (devices separated by blank lines). */
    static Optional<DiscoveredUri> parse(String out) {
        String device = null;
        for (String line : out.split("\r?\n")) {
            Matcher dm = DEVICE.matcher(line);
            if (dm.matches()) {
                device = dm.group(1).trim();
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches() || !KEY.matcher(m.group(2)).find()) continue;
            Option114.Decoded d = Option114.fromAny(m.group(3));
            if (d.uri().isPresent()) {
                String what = m.group(1) + " option " + m.group(2) + (device == null || device.isEmpty() ? "" : " on " + device);
                return Optional.of(new DiscoveredUri(d.uri().get(), "NetworkManager (" + what + ")", d.warnings()));
            }
        }
        return Optional.empty();
    }
}
