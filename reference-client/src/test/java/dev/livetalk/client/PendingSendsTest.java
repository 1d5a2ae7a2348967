package dev.livetalk.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Finding a pending send by its current id or by the id it was first sent under. */
class PendingSendsTest {
    private final PendingSends sends = new PendingSends();

    private PendingSends.Entry add(String clientMsgId) {
        PendingSends.Entry entry = new PendingSends.Entry("room", clientMsgId, "body", null, 0, 100);
        sends.add(entry);
        return entry;
    }

    @Test
    void findsBySentIdOnlyWhatIsPending() {
        PendingSends.Entry entry = add("c1");

        assertThat(sends.find("c1")).isSameAs(entry);
        assertThat(sends.find("c2")).isNull();

        sends.remove("c1");
        assertThat(sends.find("c1")).isNull();
    }

    @Test
    void findsARenamedSendByEitherIdUntilItIsRemoved() {
        PendingSends.Entry other = add("c1");
        PendingSends.Entry entry = add("c2");

        sends.rename(entry, "c3");

        assertThat(sends.find("c3")).isSameAs(entry);
        assertThat(sends.find("c2")).as("found by the id first sent").isSameAs(entry);
        assertThat(sends.find("c1")).isSameAs(other);

        sends.rename(entry, "c4");
        assertThat(sends.find("c2")).as("renamed twice").isSameAs(entry);
        assertThat(sends.find("c3")).isNull();

        sends.remove("c4");
        assertThat(sends.find("c2")).isNull();
        assertThat(sends.find("c4")).isNull();
        assertThat(sends.find("c1")).isSameAs(other);
    }

    @Test
    void aSendRenamedBackToItsFirstIdIsFoundByIt() {
        PendingSends.Entry entry = add("c1");
        sends.rename(entry, "c2");
        sends.rename(entry, "c1");

        assertThat(sends.find("c1")).isSameAs(entry);
        assertThat(sends.find("c2")).isNull();

        PendingSends.Entry renamed = add("c5");
        sends.rename(renamed, "c6");
        sends.remove("c1");
        assertThat(sends.find("c5")).as("the other renamed send is still looked for").isSameAs(renamed);
    }
}
