package dev.livetalk.client;

import jakarta.websocket.DeploymentException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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

    /**
     * The Tyrus client's handshake timeout (the driver's connect timeout) throws a bare DeploymentException with
     * this message and no cause: a deadline of the transport that passed.
     */
    @Test
    void shouldSayTimedOutWhenTheTyrusHandshakeTimeoutPassed() {
        assertThat(ConnectFailure.of(new DeploymentException("Handshake response not received.")))
                .isEqualTo("timed out");
    }

    @Test
    void shouldEndOnACauseChainThatLoops() {
        IOException outer = new IOException("outer");
        IOException inner = new IOException("inner", outer);
        outer.initCause(inner);
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ConnectFailure.of(outer)))
                .isEqualTo("IOException: outer");
    }

    @Test
    void shouldOtherwiseSayTheErrorsTypeAndMessageCutShort() {
        assertThat(ConnectFailure.of(new DeploymentException(" Handshake error. ", new IOException("reset"))))
                .isEqualTo("DeploymentException: Handshake error.");
        assertThat(ConnectFailure.of(new IOException("x".repeat(500)))).hasSize(ConnectFailure.MAX_LENGTH).startsWith("IOException: xxx");
        assertThat(ConnectFailure.of(new IOException())).isEqualTo("IOException");
    }
}
