package io.captivewatch.core.classify;

import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.i18n.Text;
import io.captivewatch.core.probe.ProbeObservation;

/**
 * The verdict one probe's observation supports on its own, and why.
 *
 * @param observation what the probe saw
 * @param verdict     the verdict this probe alone supports
 * @param why         one sentence a person can read ("302 redirect to http://10.0.0.1/login instead of 204"),
 *                    worded when shown: {@link #reason()} in English (JSON, logs), {@link #reason(Messages)} for people
 */
public record ProbeAssessment(ProbeObservation observation, Verdict verdict, Text why) {

    /** An assessment whose reason is a finished string (shown as it is in every language). */
    public ProbeAssessment(ProbeObservation observation, Verdict verdict, String reason) {
        this(observation, verdict, Text.data(reason));
    }

    /** The reason in English: what the JSON report and the logs carry. */
    public String reason() {
        return why.english();
    }

    /** The reason in {@code m}'s language. */
    public String reason(Messages m) {
        return why.render(m);
    }
}
