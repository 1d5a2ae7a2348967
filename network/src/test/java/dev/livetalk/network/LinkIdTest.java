package dev.livetalk.network;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkIdTest {

    @Test
    void shouldNameProxyAfterClientIndexAndLink() {
        assertThat(new LinkId(17, Link.RECV).name()).isEqualTo("c017-recv");
        assertThat(new LinkId(0, Link.MAIN).name()).isEqualTo("c000-main");
        assertThat(new LinkId(1234, Link.SEND).name()).isEqualTo("c1234-send");
    }

    @Test
    void shouldRejectNegativeClientIndex() {
        assertThatThrownBy(() -> new LinkId(-3, Link.MAIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("client index must be >= 0: -3");
    }
}
