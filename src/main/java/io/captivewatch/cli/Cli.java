package io.captivewatch.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.captivewatch.core.detect.Detector;
import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.advice.AdviceCatalog;
import io.captivewatch.core.advice.Os;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Classifier;
import io.captivewatch.core.extract.ExtractionBudget;
import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.probe.MalformedResponseException;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.probe.RawHttpResponseParser;
import io.captivewatch.core.report.ReportJson;
import io.captivewatch.core.report.TerminalText;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command-line interface: {@code check}, {@code analyze} and {@code watch} (ARCHITECTURE.md is the
 * contract). Never starts JavaFX. Exit codes: the verdict's ({@link io.captivewatch.core.classify.Verdict#exitCode()}),
 * 2 for a usage error or unreadable input, 1 for an internal failure.
 */
public final class Cli {
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INTERNAL = 1;
    /** Largest saved response {@code analyze} reads. */
    static final int MAX_ANALYZE_BYTES = 16 * 1024 * 1024;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final long MAX_TIMEOUT_MS = 120_000;

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    public Cli(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static boolean isCommand(String arg) {
        return Set.of("check", "analyze", "watch", "help", "--help", "-h", "--version", "version").contains(arg);
    }

    /** Runs one command; returns the process exit code. */
    public int run(String... argv) {
        if (argv.length == 0) {
            usage(err);
            return EXIT_USAGE;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        try {
            return switch (argv[0]) {
                case "check" -> check(rest);
                case "analyze" -> analyze(rest);
                case "watch" -> new WatchCommand(out, err).run(rest);
                case "help", "--help", "-h" -> {
                    usage(out);
                    yield 0;
                }
                case "version", "--version" -> {
                    out.println(Messages.t("cli.version", version()));
                    yield 0;
                }
                default -> throw new Args.UsageException(Messages.t("cli.error.unknownCommand", argv[0]));
            };
        } catch (Args.UsageException e) {
            err.println(Messages.t("cli.error.usage", e.getMessage()));
            err.flush();
            return EXIT_USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(Messages.t("cli.error.interrupted"));
            return EXIT_INTERNAL;
        } catch (RuntimeException e) {
            err.println(Messages.t("cli.error.internal", e.toString()));
            return EXIT_INTERNAL;
        }
    }

    private int check(List<String> argv) throws Args.UsageException, InterruptedException {
        Args a = Args.parse(argv, Set.of("probe", "timeout"), Set.of("json"));
        if (!a.positional.isEmpty()) throw new Args.UsageException(Messages.t("cli.error.noArguments", "check", a.positional.get(0)));
        List<ProbeSpec> probes = probes(a.all("probe"));
        Duration timeout = timeout(a.single("timeout"));
        Classification c;
        java.util.Optional<io.captivewatch.core.dns.DnsRace.Log> dns;
        try (Detector detector = Detector.withDiscovery()) {
            c = detector.check(probes, timeout);
            dns = detector.dns().map(io.captivewatch.core.dns.DnsAwareness::log);
        }
        print(c, a.flag("json"), List.of(), report -> dns.ifPresent(l -> io.captivewatch.core.dns.DnsJson.addTo(report, l)));
        return c.verdict().exitCode();
    }

    private int analyze(List<String> argv) throws Args.UsageException {
        Args a = Args.parse(argv, Set.of("url", "timeout"), Set.of("json"));
        String url = a.single("url");
        if (url == null) throw new Args.UsageException(Messages.t("cli.error.analyzeNeedsUrl"));
        if (a.positional.size() != 1) throw new Args.UsageException(Messages.t("cli.error.analyzeNeedsFile"));
        ProbeSpec spec = probe(url);
        Duration timeout = timeout(a.single("timeout"));
        String source = a.positional.get(0);
        byte[] raw;
        try {
            raw = source.equals("-") ? readBounded(in) : readFile(Path.of(source));
        } catch (IOException e) {
            err.println(Messages.t("cli.error.cannotRead", describe(source), e.getMessage()));
            return EXIT_USAGE;
        } catch (InvalidPathException e) {
            throw new Args.UsageException(Messages.t("cli.error.notFileName", e.getInput()));
        }
        if (raw.length == 0) {
            err.println(Messages.t("cli.error.empty", describe(source)));
            return EXIT_USAGE;
        }
        ProbeObservation observed;
        List<String> notes;
        try {
            RawHttpResponseParser.Result parsed = RawHttpResponseParser.parseWithNotes(raw, spec.url());
            observed = ProbeObservation.ofResponse(spec, parsed.response());
            notes = parsed.notes();
        } catch (MalformedResponseException e) {
            // What a portal answered, however broken, is evidence about the network (a live probe that gets these
            // bytes says the same): a verdict, not a usage error.
            observed = ProbeObservation.failed(spec, java.time.Instant.EPOCH, io.captivewatch.core.probe.ErrorKind.PROTOCOL,
                    e.getMessage(), 0);
            notes = List.of(Messages.t("cli.report.notHttp", e.getMessage()));
        }
        // the same budget as a check's: reading a hostile saved page for links stops at the timeout
        Classification c = new Classifier().classify(List.of(observed), Optional.empty(),
                ExtractionBudget.until(System.nanoTime() + timeout.toNanos()));
        print(c, a.flag("json"), notes);
        return c.verdict().exitCode();
    }

    static List<ProbeSpec> probes(List<String> urls) throws Args.UsageException {
        if (urls.isEmpty()) return ProbeSpec.defaults();
        List<ProbeSpec> out = new ArrayList<>();
        for (String u : urls) out.add(probe(u));
        return out;
    }

    static ProbeSpec probe(String url) throws Args.UsageException {
        try {
            return ProbeSpec.parse(url);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
    }

    static Duration timeout(String ms) throws Args.UsageException {
        if (ms == null) return DEFAULT_TIMEOUT;
        try {
            long v = Long.parseLong(ms.trim());
            if (v < 1 || v > MAX_TIMEOUT_MS) throw new NumberFormatException();
            return Duration.ofMillis(v);
        } catch (NumberFormatException e) {
            throw new Args.UsageException(Messages.t("cli.error.timeout", MAX_TIMEOUT_MS, ms));
        }
    }

    private static String describe(String source) {
        return source.equals("-") ? Messages.t("cli.error.stdin") : source;
    }

    private static byte[] readFile(Path p) throws IOException {
        if (Files.isDirectory(p)) throw new IOException(Messages.t("cli.error.isDirectory"));
        try {
            if (Files.isRegularFile(p) && Files.size(p) > MAX_ANALYZE_BYTES) throw new IOException(tooLarge());
            try (InputStream s = Files.newInputStream(p)) {
                return readBounded(s);
            }
        } catch (NoSuchFileException e) {
            throw new IOException(Messages.t("cli.error.noSuchFile"));
        } catch (AccessDeniedException e) {
            throw new IOException(Messages.t("cli.error.permissionDenied"));
        }
    }

    /** Reads at most {@link #MAX_ANALYZE_BYTES}; more is an error (nothing is kept). */
    static byte[] readBounded(InputStream s) throws IOException {
        byte[] data = s.readNBytes(MAX_ANALYZE_BYTES + 1);
        if (data.length > MAX_ANALYZE_BYTES) throw new IOException(tooLarge());
        return data;
    }

    private static String tooLarge() {
        return Messages.t("cli.error.tooLarge", MAX_ANALYZE_BYTES >> 20);
    }

    void print(Classification c, boolean json) {
        print(c, json, List.of());
    }

    /** Prints the report; {@code inputNotes} are the parser's notes on a saved response ({@code analyze}). */
    void print(Classification c, boolean json, List<String> inputNotes) {
        print(c, json, inputNotes, report -> { });
    }

    /** {@link #print(Classification, boolean, List)}; {@code extra} adds fields to the JSON report (the check's DNS). */
    void print(Classification c, boolean json, List<String> inputNotes, java.util.function.Consumer<JsonObject> extra) {
        // JSON is for programs: English whatever the user's language (like the ids and the exit codes)
        List<Advice> advice = AdviceCatalog.builtIn().select(c, Os.current(), null, false,
                json ? Messages.english() : Messages.current());
        if (json) {
            JsonObject report = ReportJson.of(c, advice);
            extra.accept(report);
            if (!inputNotes.isEmpty()) {
                JsonArray notes = new JsonArray();
                inputNotes.forEach(notes::add);
                report.add("inputNotes", notes);
            }
            out.println(ReportJson.pretty(report));
        } else {
            out.print(TextReport.of(c, advice));
            if (!inputNotes.isEmpty()) {
                out.println();
                out.println(Messages.t("cli.report.notes"));
                inputNotes.forEach(n -> out.println("  - " + TerminalText.of(n)));
            }
        }
        out.flush();
    }

    static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v == null ? Messages.t("cli.version.development") : v;
    }

    /** Prints the usage text to {@code s}. */
    public static void usage(PrintStream s) {
        s.println(Messages.t("cli.usage"));
    }
}
