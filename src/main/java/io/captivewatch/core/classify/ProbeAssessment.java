package io.captivewatch.core.classify;

import io.captivewatch.core.probe.ProbeObservation;

/**
 * The verdict one probe's observation supports on its own, and why.
 *
 * @param observation what the probe saw
 * @param verdict     the verdict this probe alone supports
 * @param reason      one sentence a person can read ("302 redirect to http://10.0.0.1/login instead of 204")
 */
public record ProbeAssessment(ProbeObservation observation, Verdict verdict, String reason) {}
