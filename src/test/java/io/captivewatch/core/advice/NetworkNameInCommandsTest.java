package io.captivewatch.core.advice;

import io.captivewatch.core.classify.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network name is chosen by whoever runs the access point. Every command template that holds {@code {ssid}}
 * is filled with hostile names, and the POSIX ones are run through {@code /bin/sh} and {@code bash} with a stand-in
 * for the command that records the arguments it got: the name must arrive as one literal word and nothing else may
 * run (no marker file appears).
 */
class NetworkNameInCommandsTest {
    private final AdviceCatalog catalog = AdviceCatalog.builtIn();

    /** Hostile names; {@code M} is replaced by the marker file's path. */
    private static List<String> hostileNames(Path marker) {
        String m = marker.toString();
        List<String> names = new ArrayList<>(List.of(
                "Free$(touch M)", "Free`touch M`", "Free\"; touch M; \"", "Free'; touch M; '", "Free' ; touch M ; echo '",
                "a;touch M", "a&touch M", "a&&touch M", "a|touch M", "a||touch M", "x\ntouch M", "x\rtouch M", "x\r\ntouch M",
                "x\u0000touch M", "x\u001b[201~touch M\n", "\u202Eevil\u202C", "a\u200Bb", "a\u2028touch M", "tab\there",
                "%PATH%", "!PATH!", "^&touch M", "$HOME", "${IFS}touch${IFS}M", "$((1+1))", "<M", ">M", "a>M", "*", "~root",
                "--help", "-x", "a\\\"b", "\\", "'", "\"", "''", "\u201Csmart\u201D", "\u2018smart\u2019", "\uFF02wide\uFF02",
                "\u02BAbestfit", "\uD800lone", "caf\u00e9", "\u65c5\u9928 WiFi", "Joe's Caf\u00e9", "Hotel Guest", "B&B",
                "a".repeat(300), "Free$(touch M)".repeat(30)));
        names.replaceAll(n -> n.replace("M", m));
        return names;
    }

    private Map<Os, List<String>> ssidTemplates() {
        Map<Os, List<String>> t = catalog.templates();
        t.replaceAll((os, cmds) -> cmds.stream().filter(c -> c.contains("{ssid}")).toList());
        return t;
    }

    @Test
    void everyTemplateGetsTheNameAsOneQuotedWordOrThePlaceholder(@TempDir Path dir) {
        Map<Os, List<String>> templates = ssidTemplates();
        assertThat(templates.get(Os.LINUX)).isNotEmpty();
        assertThat(templates.get(Os.WINDOWS)).isNotEmpty();
        for (String name : hostileNames(dir.resolve("marker"))) {
            for (Os os : Os.values()) {
                List<String> made = commands(os, name);
                List<String> expected = templates.getOrDefault(os, List.of()).stream()
                        .map(t -> t.replace("{ssid}", ShellArgument.quote(name, os))).toList();
                assertThat(made).as(os + " " + name).containsAll(expected);
                for (String cmd : made) {
                    assertThat(cmd.codePoints().filter(cp -> Character.isISOControl(cp)
                            || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE
                            || cp == 0x2028 || cp == 0x2029))
                            .as("no control, invisible or broken character in %s for %s", os, name).isEmpty();
                }
                String arg = ShellArgument.quote(name, os);
                if (os == Os.WINDOWS) {
                    // cmd and PowerShell: a double-quoted run of inert ASCII, or the placeholder
                    assertThat(arg).startsWith("\"").endsWith("\"");
                    String inner = arg.substring(1, arg.length() - 1);
                    assertThat(inner).isIn(name, ShellArgument.PLACEHOLDER).doesNotContain("\"", "%", "$", "`", "!", "^", "&", "|");
                    if (!inner.equals(ShellArgument.PLACEHOLDER)) assertThat(inner).matches("[A-Za-z0-9 ._+@#(),:=\\[\\]'-]+");
                }
            }
        }
    }

    @Test
    void plainNamesStayReadable() {
        assertThat(String.join("\n", commands(Os.LINUX, "Hotel Guest"))).contains("nmcli connection down id 'Hotel Guest'");
        assertThat(String.join("\n", commands(Os.LINUX, "Joe's Café"))).contains("id 'Joe'\\''s Café'");
        assertThat(String.join("\n", commands(Os.WINDOWS, "Hotel Guest"))).contains("netsh wlan connect name=\"Hotel Guest\"");
        assertThat(String.join("\n", commands(Os.WINDOWS, "Free$(calc)"))).contains("netsh wlan connect name=\"<network name>\"");
        assertThat(String.join("\n", commands(Os.LINUX, "x\ny"))).contains("id '<network name>'");
    }

    @Test
    void posixShellsSeeTheNameAsOneLiteralWordAndRunNothing(@TempDir Path dir) throws Exception {
        List<String> shells = new ArrayList<>();
        for (String sh : List.of("/bin/sh", "/bin/bash")) if (Files.isExecutable(Path.of(sh))) shells.add(sh);
        assertThat(shells).as("a POSIX shell on this machine").isNotEmpty();
        Path marker = dir.resolve("marker");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path record = dir.resolve("args");
        Set<String> programs = new LinkedHashSet<>();
        for (Os os : List.of(Os.LINUX, Os.MACOS)) {
            for (String t : ssidTemplates().getOrDefault(os, List.of())) {
                for (String part : t.split("; ")) programs.add(part.split(" ")[0]);
            }
        }
        for (String program : programs) {
            // a stand-in that records each argument, NUL-terminated, and one "END" per run
            Path fake = bin.resolve(program);
            Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\" >> \"$CW_RECORD\"; done\n"
                    + "printf 'END\\0' >> \"$CW_RECORD\"\n");
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        }
        int runs = 0;
        for (String name : hostileNames(marker)) {
            for (Os os : List.of(Os.LINUX, Os.MACOS)) {
                List<String> templates = ssidTemplates().getOrDefault(os, List.of());
                List<String> made = commands(os, name);
                for (String template : templates) {
                    String cmd = made.stream().filter(c -> matchesTemplate(template, c)).findFirst().orElseThrow();
                    String shownName = ShellArgument.usable(name) ? name : ShellArgument.PLACEHOLDER;
                    List<List<String>> expected = new ArrayList<>();
                    for (String part : template.split("; ")) {
                        List<String> words = new ArrayList<>(Arrays.asList(part.split(" ")));
                        words.remove(0);
                        words.replaceAll(w -> w.equals("{ssid}") ? shownName : w);
                        expected.add(words);
                    }
                    for (String shell : shells) {
                        Files.deleteIfExists(record);
                        run(shell, cmd, bin, record, dir);
                        assertThat(invocations(record)).as("%s ran %s", shell, cmd).isEqualTo(expected);
                        assertThat(marker).as("%s ran something from %s", shell, cmd).doesNotExist();
                        runs++;
                    }
                }
            }
        }
        assertThat(runs).isGreaterThan(50);
    }

    private List<String> commands(Os os, String name) {
        List<String> out = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            for (Advice a : catalog.select(v, EnumSet.allOf(Fact.class), os, name)) out.addAll(a.commands());
            for (Advice a : catalog.select(v, EnumSet.noneOf(Fact.class), os, name)) out.addAll(a.commands());
            // one fact at a time too: an entry with an 'unless' fact shows under neither all facts nor none
            for (Fact f : Fact.values()) {
                for (Advice a : catalog.select(v, EnumSet.of(f), os, name)) out.addAll(a.commands());
            }
        }
        return out;
    }

    private static boolean matchesTemplate(String template, String cmd) {
        String[] fixed = template.split("\\{ssid\\}", -1);
        return cmd.startsWith(fixed[0]) && cmd.endsWith(fixed[fixed.length - 1]) && cmd.contains(fixed[0]);
    }

    private static void run(String shell, String cmd, Path bin, Path record, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("CW_RECORD", record.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(shell + " did not finish: " + cmd);
        }
    }

    private static List<List<String>> invocations(Path record) throws IOException {
        List<List<String>> out = new ArrayList<>();
        if (!Files.exists(record)) return out;
        List<String> current = new ArrayList<>();
        for (String arg : new String(Files.readAllBytes(record), StandardCharsets.UTF_8).split("\0")) {
            if (arg.equals("END")) {
                out.add(current);
                current = new ArrayList<>();
            } else {
                current.add(arg);
            }
        }
        return out;
    }
}
