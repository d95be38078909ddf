package io.captivewatch.core.extract;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes a link look like a login (words in its text or URL, in several languages) or like a decoy
 * (terms, help, social and app-store links; CDN, analytics and tracking hosts). Used by {@link HtmlLinks}
 * to score frames, forms and anchors.
 */
final class LinkWords {
    private LinkWords() {}

    static final Pattern LOGIN_WORDS = Pattern.compile(
            "\\b(?:log\\s*+-?\\s*+in|log\\s*+-?\\s*+on|sign\\s*+-?\\s*+in|connect\\w*|accept\\w*|continue|agree|get online"
                    + "|go online|start browsing|start surfing|internet access|access the internet|anmelden|einloggen|verbinden"
                    + "|connexion|se connecter|conectar\\w*|acceder|accedi|iniciar sesi)"
                    + "|登录|登入|連線|连接|ログイン|로그인", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    static final Pattern LOGIN_URL_WORDS = Pattern.compile(
            "login|signin|sign-in|logon|auth|portal|captive|hotspot|guest|splash|wifidog|connect|accept|/fas", Pattern.CASE_INSENSITIVE);
    static final Pattern DECOY_WORDS = Pattern.compile(
            "\\b(?:terms|privacy|policy|help|faq|support|contact|imprint|impressum|legal|cookies?|about|datenschutz|agb"
                    + "|download the app|app store|google play|facebook|twitter|instagram|linkedin|youtube)\\b",
            Pattern.CASE_INSENSITIVE);
    static final Pattern DECOY_PATH = Pattern.compile(
            "(?:^|/)(?:terms|tos|privacy|policy|help|faq|support|contact|imprint|impressum|legal|cookies?|about)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DECOY_HOST = Pattern.compile(
            "(?:^|[.-])(?:cdn\\w*|cloudflare|akamai\\w*|jsdelivr|unpkg|googleapis|gstatic|googletagmanager|google-analytics"
                    + "|analytics|doubleclick|googlesyndication|facebook|fbcdn|twitter|instagram|linkedin|youtube|tiktok"
                    + "|pinterest|tracking|track|pixel|ads|adservice|hotjar|segment|mixpanel)(?:$|[.-])",
            Pattern.CASE_INSENSITIVE);

    /**
     * CDN, analytics, tracking, social and app-store hosts: never where you sign in. The page's own host
     * never is a decoy: an intercepted vendor probe (gstatic, ...) serves the portal's links as its own.
     */
    static boolean isDecoyHost(URI u, URI page) {
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        if (page != null && host.equalsIgnoreCase(page.getHost())) return false;
        if (host.equals("x.com") || host.equals("t.co") || host.equals("apps.apple.com") || host.equals("itunes.apple.com")
                || host.equals("play.google.com") || host.equals("www.google.com") && u.getRawPath() != null && u.getRawPath().startsWith("/search")) {
            return true;
        }
        if (DECOY_HOST.matcher(host).find()) return true;
        String q = u.getRawQuery();
        return q != null && q.contains("utm_");
    }
}
