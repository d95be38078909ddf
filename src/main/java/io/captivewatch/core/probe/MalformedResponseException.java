package io.captivewatch.core.probe;

/**
 * Raw bytes that cannot be read as an HTTP/1.x response (no status line, too many or too large
 * headers). The message is one line for people, e.g. "not an HTTP response: first line is 'hello'".
 */
public final class MalformedResponseException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String message) {
        super(message);
    }
}
