package io.captivewatch.core.report;

import io.captivewatch.core.url.SafeUrl;

/**
 * Text from a portal made safe to print on a terminal. Header values, reason phrases, URLs, page titles and
 * network names are the portal's (or the access point's) choice, and a terminal obeys what it prints: ESC and CSI
 * sequences clear the screen or move the cursor, OSC sets the window title or writes the clipboard (OSC 52), C1
 * controls such as U+009B act like ESC [, BEL, backspace and CR overwrite what was printed, bidi overrides reorder
 * it. Every such character is shown escaped instead (ESC as {@code \x1b}, U+009B as backslash-u009b), and credentials in URLs are
 * {@linkplain SafeUrl#redact redacted}.
 */
public final class TerminalText {
    private TerminalText() {}

    /** {@code o}'s text with credentials redacted and every control or invisible formatting character escaped. */
    public static String of(Object o) {
        String s = SafeUrl.redact(String.valueOf(o));
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (unsafe(cp)) {
                if (sb == null) sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                if (cp < 0x80) sb.append(String.format("\\x%02x", cp));
                else if (cp <= 0xFFFF) sb.append(String.format("\\u%04x", cp));
                else sb.append(String.format("\\u{%x}", cp));
            } else if (sb != null) {
                sb.append(s, i, i + n);
            }
            i += n;
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * Whether a terminal could act on {@code cp} or it would hide or reorder text: C0 controls (newline and tab
     * too: a field is one line), DEL, C1 controls, formatting characters (bidi overrides and isolates, zero-width
     * characters, tags), line and paragraph separators, lone surrogates.
     */
    static boolean unsafe(int cp) {
        if (Character.isISOControl(cp)) return true;
        return switch (Character.getType(cp)) {
            case Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> true;
            default -> false;
        };
    }

    /**
     * JSON text (as Gson writes it: C0 controls already escaped) with the characters Gson leaves raw but a terminal
     * acts on (DEL, C1 controls, formatting characters, lone surrogates) written as JSON backslash-u escapes, which
     * keep the JSON valid and its values the same.
     */
    static String jsonSafe(String json) {
        StringBuilder sb = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean paired = Character.isSurrogate(c) && (Character.isHighSurrogate(c)
                    ? i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))
                    : i > 0 && Character.isHighSurrogate(json.charAt(i - 1)));
            int cp = paired && Character.isHighSurrogate(c) ? json.codePointAt(i) : c;
            boolean escape = c >= 0x20 && !paired && unsafe(c)
                    || paired && Character.isHighSurrogate(c) && unsafe(cp)
                    || paired && Character.isLowSurrogate(c) && unsafe(json.codePointAt(i - 1));
            if (escape) {
                if (sb == null) sb = new StringBuilder(json.length() + 16).append(json, 0, i);
                sb.append(String.format("\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? json : sb.toString();
    }
}
