package io.captivewatch.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, strict command-line parser: {@code --name value}, {@code --name=value}, repeatable options,
 * flags and positional arguments. Unknown options are errors, never ignored.
 */
final class Args {
    final Map<String, List<String>> options = new LinkedHashMap<>();
    final List<String> positional = new ArrayList<>();

    /** Thrown for a usage error; the message is one line for the user. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static Args parse(List<String> argv, Set<String> valued, Set<String> flags) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String s = argv.get(i);
            if (s.equals("-")) {
                a.positional.add(s);
            } else if (s.equals("--")) {
                a.positional.addAll(argv.subList(i + 1, argv.size()));
                break;
            } else if (s.startsWith("--")) {
                String name = s.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name)) {
                    if (value != null) throw new UsageException(io.captivewatch.core.i18n.Messages.t("cli.error.noValue", "--" + name));
                    a.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= argv.size()) throw new UsageException(io.captivewatch.core.i18n.Messages.t("cli.error.needsValue", "--" + name));
                        value = argv.get(++i);
                    }
                    a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    throw new UsageException(io.captivewatch.core.i18n.Messages.t("cli.error.unknownOption", "--" + name));
                }
            } else if (s.startsWith("-") && s.length() > 1) {
                throw new UsageException(io.captivewatch.core.i18n.Messages.t("cli.error.notAnOption", s));
            } else {
                a.positional.add(s);
            }
        }
        return a;
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    String single(String name) throws UsageException {
        List<String> v = all(name);
        if (v.size() > 1) throw new UsageException(io.captivewatch.core.i18n.Messages.t("cli.error.repeated", "--" + name));
        return v.isEmpty() ? null : v.get(0);
    }
}
