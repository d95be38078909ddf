package io.captivewatch.core.recipe;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which form fields are secrets or personal data (issue #20): a page with any such field (other than a hidden
 * one, which the user never types) gets no automatic sign-in, and no such field can enter a {@link Recipe}.
 * Judged three ways, any one enough: the input type, the HTML {@code autocomplete} tokens, and the field's
 * name or id. Deliberately broad: a false alarm only means the login window opens as before.
 */
public final class FieldRules {
    private FieldRules() {}

    /** Input types that carry secrets or personal data. */
    private static final Set<String> TYPES = Set.of("password", "email", "tel", "file", "month", "date", "url");

    /** Types the user never fills in: buttons and hidden fields (their values come from the page). */
    private static final Set<String> NOT_ENTERED = Set.of("hidden", "submit", "button", "reset", "image");

    /** Autocomplete tokens (WHATWG autofill field names) that mean personal data or secrets. */
    private static final Set<String> AUTOCOMPLETE = Set.of("name", "nickname", "username", "new-password",
            "current-password", "one-time-code", "organization", "organization-title", "street-address", "country",
            "country-name", "postal-code", "sex", "email", "impp", "photo", "language", "url");
    private static final String[] AUTOCOMPLETE_PREFIXES = {"cc-", "tel", "bday", "address-", "honorific-",
            "transaction-", "given-", "family-", "additional-"};

    /** Pieces of a field name that mean secrets or personal data, matched anywhere in the lower-cased name. */
    private static final String[] NAME_PARTS = {"pass", "pwd", "secret", "card", "cvv", "cvc", "csc", "iban", "bic",
            "swift", "account", "credit", "expir", "mail", "phone", "mobile", "msisdn", "sms", "surname", "name", "user",
            "login", "room", "guest", "address", "street", "postal", "zip", "birth", "passport", "ssn", "social",
            "voucher", "coupon", "otp", "token", "auth", "pin", "code", "ident", "licen", "plate", "nationality"};
    /** Whole words (split at non-letters) that mean the same but are too short to match inside other words. */
    private static final Set<String> NAME_WORDS = Set.of("cc", "tel", "dob", "id", "nr", "no", "pan", "ccv", "sec");

    /** A field as the rules see it. Any part may be empty. */
    public record Field(String type, String name, String id, String autocomplete) {
        public Field {
            type = type == null || type.isBlank() ? "text" : type.strip().toLowerCase(Locale.ROOT);
            name = name == null ? "" : name;
            id = id == null ? "" : id;
            autocomplete = autocomplete == null ? "" : autocomplete;
        }
    }

    /** Whether the user ever fills this in (not hidden, not a button). */
    public static boolean entered(Field f) {
        return !NOT_ENTERED.contains(f.type());
    }

    /** Why {@code f} is sensitive, or empty. Hidden fields and buttons are never sensitive (nobody types them). */
    public static Optional<String> sensitive(Field f) {
        if (!entered(f)) return Optional.empty();
        if (TYPES.contains(f.type())) return Optional.of("a field of type " + f.type());
        for (String token : f.autocomplete().toLowerCase(Locale.ROOT).split("\\s+")) {
            if (token.isEmpty()) continue;
            if (AUTOCOMPLETE.contains(token)) return Optional.of("a field marked autocomplete=" + token);
            for (String p : AUTOCOMPLETE_PREFIXES) {
                if (token.startsWith(p)) return Optional.of("a field marked autocomplete=" + token);
            }
        }
        for (String label : new String[]{f.name(), f.id()}) {
            Optional<String> why = byName(label);
            if (why.isPresent()) return why;
        }
        return Optional.empty();
    }

    private static Optional<String> byName(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        if (l.isEmpty()) return Optional.empty();
        for (String p : NAME_PARTS) {
            if (l.contains(p)) return Optional.of("a field named like " + p);
        }
        // camelCase and separators: "ccNumber", "cc_num", "tel-1"
        for (String w : label.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (NAME_WORDS.contains(w)) return Optional.of("a field named like " + w);
        }
        return Optional.empty();
    }
}
