package io.captivewatch.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.i18n.Languages;
import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.monitor.FakeWatcher;
import io.captivewatch.core.network.NetworkChange;
import io.captivewatch.core.probe.ErrorKind;
import io.captivewatch.testing.Await;
import io.captivewatch.testing.LineSink;
import io.captivewatch.testing.PortalSimulator;
import io.captivewatch.testing.PortalSimulator.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line in the pseudo-locale (every message wrapped in ⟦…⟧): check and analyze text reports, watch lines,
 * usage and errors show no English outside the wrapped messages except data. What counts as data is listed in
 * {@link #bare} and nothing else: URLs, numbers, the probes' labels, verdict and error ids (README: not translated),
 * the advice's shell commands, the error details the system reported, and, as a known gap of issue #19, the parser's
 * notes on a saved response. The verdict's explanation (evidence, warnings, each probe's reason, link sources) is
 * worded from the bundles like the rest: only the data inside its sentences (URLs, addresses, labels) is shown as it is.
 */
class CliPseudoLocaleTest {
    static final Pattern WRAPPED = Pattern.compile("(?s)\u27E6[^\u27E6\u27E7]*\u27E7");
    static final Pattern URL = Pattern.compile("https?://\\S+");
    static PortalSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = new PortalSimulator().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void pseudo() {
        Messages.use(Messages.of(Languages.PSEUDO));
    }

    @AfterEach
    void english() {
        Messages.use(Messages.english());
    }

    /** What is left of {@code out} once wrapped messages and the allowed data are cut out; letters left = English. */
    static String bare(String out, List<String> data) {
        String s = out;
        for (String prev = null; !s.equals(prev); ) { // messages nest (a verdict title inside a report line)
            prev = s;
            s = WRAPPED.matcher(s).replaceAll(" ");
        }
        s = s.lines().filter(l -> !l.startsWith("       $ ")).reduce("", (a, b) -> a + b + "\n"); // advice commands
        s = URL.matcher(s).replaceAll(" ");
        List<String> sorted = new ArrayList<>();
        for (String d : data) sorted.add(URL.matcher(d).replaceAll(" ")); // the data's URLs went the same way
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // "captive — reason" before "captive"
        for (String d : sorted) if (!d.isBlank()) s = s.replace(d, " ");
        return s.lines().filter(l -> l.codePoints().anyMatch(Character::isLetter)).reduce("", (a, b) -> a + b + "\n");
    }

    /**
     * The data a report may show as it is, from its JSON twin: ids, the probes' labels and the system's error details.
     * Not the evidence, the warnings or the probes' reasons: they are worded in the user's language.
     */
    static List<String> data(String json) {
        List<String> d = new ArrayList<>();
        for (Verdict v : Verdict.values()) d.add(v.jsonName());
        for (ErrorKind e : ErrorKind.values()) d.add(e.jsonName());
        JsonObject j = JsonParser.parseString(json).getAsJsonObject();
        for (JsonElement p : j.getAsJsonArray("probes")) {
            JsonObject o = p.getAsJsonObject();
            d.add(o.get("label").getAsString());
            if (o.has("errorDetail") && !o.get("errorDetail").isJsonNull()) d.add(o.get("errorDetail").getAsString());
        }
        return d;
    }

    /**
     * Argument {@code index} of the message {@code key} in each line of {@code out} that shows it. The pseudo-locale
     * wraps a message with its arguments, so {@link #bare} cannot see English passed into one (the evidence in
     * "Why: {0}"); the caller checks the argument itself.
     */
    static List<String> argument(String out, String key, int index) {
        return argument(out.lines().toList(), key, index);
    }

    static List<String> argument(List<String> lines, String key, int index) {
        Object[] marks = new Object[6];
        for (int i = 0; i < marks.length; i++) marks[i] = "\u0001" + i + "\u0002";
        String shown = Messages.english().get(key, marks);
        StringBuilder re = new StringBuilder(Pattern.quote(Messages.PSEUDO_OPEN));
        java.util.regex.Matcher m = Pattern.compile("\u0001(\\d)\u0002").matcher(shown);
        List<Integer> order = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            re.append(Pattern.quote(shown.substring(last, m.start()))).append("(.*?)");
            order.add(Integer.parseInt(m.group(1)));
            last = m.end();
        }
        re.append(Pattern.quote(shown.substring(last))).append(Pattern.quote(Messages.PSEUDO_CLOSE));
        Pattern line = Pattern.compile(re.toString());
        List<String> found = new ArrayList<>();
        for (String l : lines) {
            java.util.regex.Matcher lm = line.matcher(l);
            if (lm.matches()) found.add(lm.group(order.indexOf(index) + 1));
        }
        return found;
    }

    /** The evidence is a message of its own (or several), with nothing English beside the data inside them. */
    static void assertWorded(String what, List<String> evidence, List<String> data) {
        assertThat(evidence).as(what + ": the evidence is shown").isNotEmpty();
        for (String e : evidence) {
            assertThat(e).as(what + ": the evidence comes from the bundles").startsWith(Messages.PSEUDO_OPEN);
            assertThat(bare(e, data)).as(what + ": English in the evidence " + e).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"ONLINE_204", "REDIRECT_302", "STATUS_511_HTML", "STATUS_401", "STATUS_407",
            "STATUS_503", "BAD_HTTP", "META_REFRESH"})
    void checkTextReport(Scenario scenario) {
        sim.setScenario(scenario);
        String probe = sim.url("/generate_204").toString();
        CliTest.Run json = CliTest.run("check", "--probe", probe, "--json", "--timeout", "3000");
        CliTest.Run text = CliTest.run("check", "--probe", probe, "--timeout", "3000");
        assertThat(text.out()).as("the report is written").contains("\u27E6");
        assertThat(bare(text.out() + text.err(), data(json.out()))).as(scenario + ":\n" + text.out()).isEmpty();
        assertWorded(scenario.toString(), argument(text.out(), "cli.report.why", 0), data(json.out()));
    }

    @Test
    void analyzeTextReport(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("portal.http");
        Files.writeString(saved, "HTTP/1.1 302 Found\nLocation: http://10.0.0.1/login?x=1\nContent-Length: 0\n\n");
        String url = "http://connectivitycheck.gstatic.com/generate_204";
        CliTest.Run json = CliTest.run("analyze", "--url", url, saved.toString(), "--json");
        CliTest.Run text = CliTest.run("analyze", "--url", url, saved.toString());
        List<String> data = data(json.out());
        // notes on the saved response (bare LF line endings here) come from the parser, in English: a known gap
        data.addAll(io.captivewatch.core.probe.RawHttpResponseParser.parseWithNotes(Files.readAllBytes(saved),
                java.net.URI.create(url)).notes());
        assertThat(text.out()).contains("\u27E6");
        assertThat(bare(text.out() + text.err(), data)).as(text.out()).isEmpty();
        assertWorded("analyze", argument(text.out(), "cli.report.why", 0), data);
    }

    @Test
    void usageVersionAndErrors() {
        for (String[] args : new String[][] {{"help"}, {"version"}, {"frobnicate"}, {"check", "extra"}, {"check", "--timeout", "0"},
                {"analyze"}, {"analyze", "--url", "http://a/", "/no/such/file"}, {"check", "--bogus"}}) {
            CliTest.Run r = CliTest.run(args);
            assertThat(r.out() + r.err()).as(String.join(" ", args)).isNotBlank();
            // the user's own input echoed back is data too
            List<String> data = new ArrayList<>(List.of(args));
            assertThat(bare(r.out() + r.err(), data)).as(String.join(" ", args) + ":\n" + r.out() + r.err()).isEmpty();
        }
    }

    @Test
    void watchLines(@TempDir Path config) throws Exception {
        sim.setScenario(Scenario.REDIRECT_302);
        Files.writeString(config.resolve("settings.json"), "{\"captiveIntervalSeconds\": 1}");
        LineSink sink = new LineSink();
        FakeWatcher network = new FakeWatcher(FakeWatcher.net("Lab"));
        WatchCommand watch = new WatchCommand(new PrintStream(sink, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        watch.watcherFactory = () -> network;
        watch.shutdownHook = false;
        Thread runner = new Thread(() -> {
            try {
                watch.run(List.of("--probe", sim.url("/generate_204").toString(), "--config", config.toString()));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "watch-under-test");
        runner.start();
        try {
            Await.until("a sign-in line in " + sink.lines(), () -> sink.lines().stream().anyMatch(l -> l.contains("http://127.0.0.1")),
                    Duration.ofSeconds(20));
            sim.setScenario(Scenario.ONLINE_204);
            network.emit(NetworkChange.Kind.JOINED, FakeWatcher.net("Cafe"));
            Await.until("the network line and an online verdict in " + sink.lines(), () -> sink.lines().size() >= 4
                    && sink.lines().stream().anyMatch(l -> l.contains("Cafe")), Duration.ofSeconds(20));
        } finally {
            watch.stop();
            runner.join(10_000);
        }
        List<String> data = new ArrayList<>(List.of("Lab", "Cafe"));
        for (Verdict v : Verdict.values()) data.add(v.jsonName());
        String out = String.join("\n", sink.lines());
        assertThat(out).contains("\u27E6");
        assertThat(bare(out, data)).as(out).isEmpty();
        List<String> withLogin = sink.lines().stream().filter(l -> !argument(List.of(l), "cli.watch.verdictLogin", 3).isEmpty()).toList();
        List<String> evidence = new ArrayList<>(argument(withLogin, "cli.watch.verdictLogin", 3));
        evidence.addAll(argument(sink.lines().stream().filter(l -> !withLogin.contains(l)).toList(), "cli.watch.verdict", 3));
        assertThat(withLogin).as("a verdict line with its login link").isNotEmpty();
        assertWorded("watch", evidence, data);
    }
}
