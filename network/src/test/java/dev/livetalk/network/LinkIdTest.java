package dev.livetalk.network;

import dev.livetalk.protocol.LinkRole;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkIdTest {

    @Test
    void shouldNameProxyAfterClientIndexAndLink() {
        assertThat(new LinkId(17, LinkRole.RECEIVE).name()).isEqualTo("c017-receive");
        assertThat(new LinkId(0, LinkRole.MAIN).name()).isEqualTo("c000-main");
        assertThat(new LinkId(1234, LinkRole.SEND).name()).isEqualTo("c1234-send");
    }

    @Test
    void shouldRejectNegativeClientIndex() {
        assertThatThrownBy(() -> new LinkId(-3, LinkRole.MAIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("client index must be >= 0: -3");
    }
}
