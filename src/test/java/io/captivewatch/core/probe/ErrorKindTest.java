package io.captivewatch.core.probe;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

/** The one mapping from what a fetch throws to an {@link ErrorKind}, shared by the prober and the API client. */
class ErrorKindTest {
    @Test
    void mapsEachFailureOfAFetch() {
        assertThat(ErrorKind.of(new UnknownHostException("x"))).isEqualTo(ErrorKind.DNS);
        assertThat(ErrorKind.of(new IOException("wrapped", new UnknownHostException("x")))).isEqualTo(ErrorKind.DNS);
        assertThat(ErrorKind.of(new HttpFetch.DeadlineException("late"))).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(ErrorKind.of(new SSLHandshakeException("bad cert"))).isEqualTo(ErrorKind.TLS);
        assertThat(ErrorKind.of(new ConnectException("refused"))).isEqualTo(ErrorKind.REFUSED);
        assertThat(ErrorKind.of(new NoRouteToHostException("none"))).isEqualTo(ErrorKind.REFUSED);
        assertThat(ErrorKind.of(new ProtocolException("not an HTTP response"))).isEqualTo(ErrorKind.PROTOCOL);
        assertThat(ErrorKind.of(new EOFException())).isEqualTo(ErrorKind.RESET);
        assertThat(ErrorKind.of(new SocketException("Connection reset"))).isEqualTo(ErrorKind.RESET);
        assertThat(ErrorKind.of(new IllegalStateException("odd"))).isEqualTo(ErrorKind.OTHER);
    }

    @Test
    void detailIsTheFirstMeaningfulMessageOrAWordForTheKind() {
        assertThat(ErrorKind.REFUSED.detail(new ConnectException())).isEqualTo("connection refused");
        assertThat(ErrorKind.RESET.detail(new IOException(null, new EOFException("server hung up")))).isEqualTo("server hung up");
        assertThat(ErrorKind.OTHER.detail(new IOException("x".repeat(400)))).hasSize(303).endsWith("...");
    }
}
