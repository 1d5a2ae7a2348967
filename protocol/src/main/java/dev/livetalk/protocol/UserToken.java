package dev.livetalk.protocol;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of a {@link Hello}: the lowercase hex HMAC-SHA256 of the user id (UTF-8), keyed
 * with the server secret (UTF-8). Thread-safe: every call makes its own {@link Mac}.
 */
public final class UserToken {
    private static final String ALGORITHM = "HmacSHA256";

    private UserToken() {
    }

    /** The token that proves {@code user} to a server holding {@code secret}. */
    public static String of(String secret, String user) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        Names.requireNonNull("user", user);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(user.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }

    /** Whether {@code token} proves {@code user}; compares in constant time. */
    public static boolean verify(String secret, String user, String token) {
        if (token == null) {
            return false;
        }
        byte[] expected = of(secret, user).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII));
    }
}
