package io.captivewatch.core.advice;

import java.util.List;

/**
 * One piece of advice for the user, chosen from the catalog for what a check saw.
 *
 * @param id       stable identifier (e.g. "open-plain-http", "flush-dns")
 * @param title    one line, imperative ("Open a plain http:// page")
 * @param body     a few sentences: why and how
 * @param commands commands the user can copy for their OS (may be empty)
 */
public record Advice(String id, String title, String body, List<String> commands) {
    public Advice {
        commands = List.copyOf(commands);
    }
}
