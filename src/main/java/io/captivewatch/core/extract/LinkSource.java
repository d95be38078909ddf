package io.captivewatch.core.extract;

/** Where a login-link candidate was found. */
public enum LinkSource {
    /** RFC 8908 API's user-portal-url (authoritative when present). */
    CAPPORT_API("RFC 8908 API user-portal-url"),
    /** Location header of a redirect. */
    LOCATION("Location header"),
    /** WISPr XML (LoginURL / NextURL). */
    WISPR("WISPr XML"),
    /** A JSON body field (loginUrl, login_url, user-portal-url, url, ...). */
    JSON("JSON body"),
    /** HTML meta refresh. */
    META_REFRESH("meta refresh"),
    /** A JavaScript redirect (location = ..., location.replace(...), ...). */
    JAVASCRIPT("JavaScript redirect"),
    /** A login form's action. */
    FORM("login form"),
    /** A frame or iframe src. */
    FRAME("frame"),
    /** An anchor (a href). */
    ANCHOR("link in page"),
    /** An RFC 8288 Link header. */
    LINK_HEADER("Link header"),
    /** The URL of the page that was served instead of the expected answer. */
    PAGE_URL("intercepted page");

    private final String description;

    LinkSource(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The description in {@code m}'s language ({@link #description()} is the English the JSON report carries). */
    public String description(io.captivewatch.core.i18n.Messages m) {
        return m.get("explain.linkSource." + jsonName());
    }

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
