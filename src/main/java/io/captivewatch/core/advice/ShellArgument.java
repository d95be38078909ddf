package io.captivewatch.core.advice;

import java.util.regex.Pattern;

/**
 * A network name made into one argument of a command the user copies into a shell. The name is chosen by
 * whoever runs the access point, so it is treated as hostile: it must reach the command as one literal word
 * and never as shell syntax ({@code $(...)}, backticks, {@code ;}, {@code %VAR%}, a newline...).
 *
 * <p>Which shell: Linux and macOS commands are pasted into a POSIX shell (bash, zsh, dash), where single quotes
 * make everything literal and a single quote is written {@code '\''}. Windows commands ({@code netsh},
 * {@code ipconfig}) are pasted into either cmd or PowerShell, and no quoting is safe in both (cmd expands
 * {@code %VAR%} even inside double quotes; PowerShell expands {@code $(...)} and backticks inside them and also
 * ends a string at typographic quotes; pasted non-ASCII text can be "best-fit" mapped to {@code "}), so on
 * Windows the name is shown in double quotes only when it is made of plain ASCII letters, digits and a few inert
 * characters, and as a placeholder otherwise.
 *
 * <p>On every OS a name that is unusual for a network name is shown as the placeholder: control characters
 * (newline, CR, ESC, which could also end a terminal's bracketed paste), invisible formatting characters such as
 * bidi overrides, line separators, lone surrogates, a leading {@code -} (read as an option), or more than
 * {@value #MAX_LENGTH} characters (a Wi-Fi name is at most 32 bytes).
 */
final class ShellArgument {
    /** What the user sees (and replaces) instead of a name that cannot be shown safely. */
    static final String PLACEHOLDER = "<network name>";
    static final int MAX_LENGTH = 64;

    /** Characters a Windows name may hold to be put in double quotes: inert in both cmd and PowerShell strings. */
    private static final Pattern WINDOWS_SAFE = Pattern.compile("[A-Za-z0-9 ._+@#(),:=\\[\\]'-]+");

    private ShellArgument() {}

    /** The name as one word for a command of {@code os}, quoted, or the quoted placeholder. */
    static String quote(String name, Os os) {
        return switch (os) {
            case LINUX, MACOS -> posix(usable(name) ? name : PLACEHOLDER);
            case WINDOWS -> "\"" + (usable(name) && WINDOWS_SAFE.matcher(name).matches() ? name : PLACEHOLDER) + "\"";
        };
    }

    /** POSIX single quoting: everything literal; a {@code '} closes the quote, is escaped, and reopens it. */
    static String posix(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Whether a name can be put in a command at all (before any shell's own rules). */
    static boolean usable(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH || name.startsWith("-")) return false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            switch (Character.getType(cp)) {
                case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                     Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> {
                    return false;
                }
                default -> {
                    if (Character.isWhitespace(cp) && cp != ' ') return false; // tabs, odd spaces
                }
            }
        }
        return true;
    }
}
