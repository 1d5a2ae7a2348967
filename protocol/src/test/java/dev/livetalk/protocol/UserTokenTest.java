package dev.livetalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Known answers computed independently with OpenSSL, e.g.
 * {@code printf %s user | openssl dgst -sha256 -hmac secret}.
 */
class UserTokenTest {
    private static final String USER_SECRET = "9b46c34925f5b319786d5cede4dc72ed7cb02061e1526303928ceddbd6c2c5ca";
    private static final String ALICE_S3CRET = "765542af1f1d587bc60c218dca532a258f56b9c21a427cc819de2a1ff6d3e146";
    /** {@code printf %s 'zoë' | openssl dgst -sha256 -hmac 'sécret'}: both sides UTF-8. */
    private static final String ZOE_SECRET_UTF8 = "37f103138f9e801b07af55d44a6e33a9ac11f136c2b667daf7218432df65d3dc";

    @Test
    void shouldMatchOpenSslHmacSha256InLowercaseHex() {
        assertThat(UserToken.of("secret", "user")).isEqualTo(USER_SECRET);
        assertThat(UserToken.of("s3cret", "alice")).isEqualTo(ALICE_S3CRET);
    }

    @Test
    void shouldEncodeUserAndSecretAsUtf8() {
        assertThat(UserToken.of("s\u00e9cret", "zo\u00eb")).isEqualTo(ZOE_SECRET_UTF8);
    }

    @Test
    void shouldVerifyTheTokenOfTheUser() {
        assertThat(UserToken.verify("secret", "user", USER_SECRET)).isTrue();
    }

    @Test
    void shouldRefuseATokenOfAnotherUserOrSecret() {
        assertThat(UserToken.verify("secret", "alice", USER_SECRET)).isFalse();
        assertThat(UserToken.verify("s3cret", "user", USER_SECRET)).isFalse();
    }

    @Test
    void shouldRefuseTokensThatDifferInOneCharacterOrInLength() {
        String lastFlipped = USER_SECRET.substring(0, 63) + 'b';
        String firstFlipped = '8' + USER_SECRET.substring(1);
        assertThat(UserToken.verify("secret", "user", lastFlipped)).isFalse();
        assertThat(UserToken.verify("secret", "user", firstFlipped)).isFalse();
        assertThat(UserToken.verify("secret", "user", USER_SECRET.substring(0, 63))).isFalse();
        assertThat(UserToken.verify("secret", "user", USER_SECRET + "0")).isFalse();
        assertThat(UserToken.verify("secret", "user", "")).isFalse();
        assertThat(UserToken.verify("secret", "user", null)).isFalse();
    }

    @Test
    void shouldRefuseUppercaseHexAndNonAsciiLookalikes() {
        assertThat(UserToken.verify("secret", "user", USER_SECRET.toUpperCase(java.util.Locale.ROOT))).isFalse();
        String withNonAscii = USER_SECRET.substring(0, 63) + '\u00e1';
        assertThat(UserToken.verify("secret", "user", withNonAscii)).isFalse();
    }

    @Test
    void shouldRefuseAnEmptySecret() {
        assertThatThrownBy(() -> UserToken.of("", "user"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret must not be empty");
        assertThatThrownBy(() -> UserToken.of(null, "user")).isInstanceOf(IllegalArgumentException.class);
    }
}
