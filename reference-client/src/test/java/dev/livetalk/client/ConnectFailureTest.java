package dev.livetalk.client;

import jakarta.websocket.DeploymentException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** Why a connection attempt failed, as the trace records it ({@link ConnectFailure#of}). */
class ConnectFailureTest {
    @Test
    void shouldSayRefusedWhenNothingListenedWhereverTheTransportWrappedIt() {
        assertThat(ConnectFailure.of(new DeploymentException("Handshake error.",
                new IOException("wrapped", new ConnectException("Connection refused"))))).isEqualTo("refused");
    }

    @Test
    void shouldSayTimedOutWhenADeadlinePassed() {
        assertThat(ConnectFailure.of(new IOException(new SocketTimeoutException("Read timed out"))))
                .isEqualTo("timed out");
    }

    @Test
    void shouldOtherwiseSayTheErrorsTypeAndMessageCutShort() {
        assertThat(ConnectFailure.of(new DeploymentException(" Handshake response not received. ")))
                .isEqualTo("DeploymentException: Handshake response not received.");
        assertThat(ConnectFailure.of(new IOException("x".repeat(500)))).hasSize(ConnectFailure.MAX_LENGTH).startsWith("IOException: xxx");
        assertThat(ConnectFailure.of(new IOException())).isEqualTo("IOException");
    }
}
