package io.captivewatch.core.classify;

import com.google.gson.JsonObject;
import io.captivewatch.core.advice.Fact;
import io.captivewatch.core.i18n.Languages;
import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.probe.ErrorKind;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.report.ReportJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict's explanation is worded in the user's language when shown; the JSON report and the facts keep the English. */
class ExplanationLanguageTest {

    @AfterEach
    void english() {
        Messages.use(Messages.english());
    }

    static Classification captive() {
        ProbeObservation google = new ProbeObservation(Observations.GOOGLE, Instant.EPOCH, List.of(Observations.response(
                Observations.GOOGLE.url(), 302, "", "Location", "http://10.0.0.1/login")), null, "", 5, List.of("10.0.0.1"));
        return new Classifier().classify(List.of(google, Observations.error(Observations.HTTPS, ErrorKind.TLS, "PKIX path building failed")));
    }

    @Test
    void shownInTheLanguageWithTheDataAsItIs() {
        Classification c = captive();
        String english = "Google (http://connectivitycheck.gstatic.com/generate_204) was redirected (302) to http://10.0.0.1/login"
                + " instead of answering 204 No Content. Its host connectivitycheck.gstatic.com resolved to 10.0.0.1, a private"
                + " address: this network's DNS answers for it.";
        assertThat(c.evidence()).isEqualTo(english);
        assertThat(c.evidence(Messages.english())).isEqualTo(english);
        String de = c.evidence(Messages.of(Locale.GERMAN));
        assertThat(de).startsWith("Google (http://connectivitycheck.gstatic.com/generate_204) wurde (302) an http://10.0.0.1/login weitergeleitet")
                .contains("statt mit 204 No Content zu antworten", "einer privaten Adresse");
        assertThat(c.probes().get(1).reason(Messages.of(Locale.forLanguageTag("ru")))).contains("PKIX path building failed", "TLS");
        assertThat(c.probes().get(1).reason(Messages.of(Locale.forLanguageTag("ru")))).isNotEqualTo(c.probes().get(1).reason());
    }

    @Test
    void theJsonReportAndTheFactsKeepTheEnglishWhateverTheLanguage() {
        Classification c = captive();
        Messages.use(Messages.of(Languages.PSEUDO));
        JsonObject j = ReportJson.of(c, List.of());
        assertThat(j.get("evidence").getAsString()).isEqualTo(c.evidence()).doesNotContain(Messages.PSEUDO_OPEN);
        assertThat(j.getAsJsonArray("probes").get(0).getAsJsonObject().get("reason").getAsString()).isEqualTo(c.probes().get(0).reason());
        assertThat(Fact.of(c)).contains(Fact.DNS_PRIVATE);
    }
}
