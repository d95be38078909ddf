package io.captivewatch.desktop;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Classifier;
import io.captivewatch.core.classify.Observations;
import io.captivewatch.core.probe.ErrorKind;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.RecordedResponse;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Realistic check results for the desktop views' tests and screenshots (pure: no network). */
public final class Samples {
    private Samples() {}

    /** A hotel portal: the Google probe is redirected to a login page, Apple's probe gets the portal page, HTTPS fails. */
    public static Classification captive() {
        URI login = URI.create("http://10.0.0.1/login?orig=http%3A%2F%2Fconnectivitycheck.gstatic.com%2Fgenerate_204");
        RecordedResponse redirect = Observations.response(Observations.GOOGLE.url(), 302, "",
                "Location", login.toString(), "Cache-Control", "no-cache", "Server", "nginx", "Content-Length", "0");
        RecordedResponse page = Observations.response(login, 200, """
                <!doctype html><html><head><title>Hotel Wi-Fi</title></head>
                <body><h1>Welcome to Hotel Wi-Fi</h1><form method="post" action="/login">
                <input name="room"><input type="password" name="name"><button>Connect</button></form></body></html>""",
                "Content-Type", "text/html; charset=utf-8", "Server", "nginx", "Set-Cookie", "portal=1; Path=/");
        ProbeObservation google = new ProbeObservation(Observations.GOOGLE, Instant.EPOCH, List.of(redirect, page), null, "", 38,
                List.of("10.0.0.1"));
        ProbeObservation apple = Observations.answer(Observations.APPLE, 200,
                "<html><head><meta http-equiv=refresh content='0;url=http://10.0.0.1/login'></head><body>Redirecting</body></html>",
                "Content-Type", "text/html");
        ProbeObservation https = Observations.error(Observations.HTTPS, ErrorKind.TLS, "PKIX path building failed: certificate issued for 10.0.0.1");
        return new Classifier().classify(List.of(google, apple, https));
    }

    /** Every Label's text under {@code n}, depth first (FX thread). */
    public static List<String> labels(javafx.scene.Node n) {
        List<String> out = new java.util.ArrayList<>();
        if (n instanceof javafx.scene.control.Label l) out.add(l.getText());
        if (n instanceof io.captivewatch.desktop.fx.ReportWindow.Paragraph f) { // shows its text line by line
            out.add(f.getText());
            return out;
        }
        if (n instanceof javafx.scene.Parent p) for (javafx.scene.Node c : p.getChildrenUnmodifiable()) out.addAll(labels(c));
        return out;
    }

    /** A network that answers nothing: DNS fails everywhere. */
    public static Classification offline() {
        return new Classifier().classify(List.of(
                Observations.error(Observations.GOOGLE, ErrorKind.DNS, "connectivitycheck.gstatic.com: Name or service not known"),
                Observations.error(Observations.APPLE, ErrorKind.DNS, "captive.apple.com: Name or service not known")));
    }
}
