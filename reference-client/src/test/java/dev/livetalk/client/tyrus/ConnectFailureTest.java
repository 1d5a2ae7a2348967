package dev.livetalk.client.tyrus;

import jakarta.websocket.DeploymentException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** Why a connection attempt failed, as the trace records it ({@link DrivenClient#failure}). */
class ConnectFailureTest {
    @Test
    void shouldSayRefusedWhenNothingListenedWhereverTheTransportWrappedIt() {
        assertThat(DrivenClient.failure(new DeploymentException("Handshake error.",
                new IOException("wrapped", new ConnectException("Connection refused"))))).isEqualTo("refused");
    }

    @Test
    void shouldSayTimedOutWhenADeadlinePassed() {
        assertThat(DrivenClient.failure(new IOException(new SocketTimeoutException("Read timed out"))))
                .isEqualTo("timed out");
    }

    @Test
    void shouldOtherwiseSayTheErrorsTypeAndMessageCutShort() {
        assertThat(DrivenClient.failure(new DeploymentException(" Handshake response not received. ")))
                .isEqualTo("DeploymentException: Handshake response not received.");
        assertThat(DrivenClient.failure(new IOException("x".repeat(500)))).hasSize(160).startsWith("IOException: xxx");
        assertThat(DrivenClient.failure(new IOException())).isEqualTo("IOException");
    }
}
