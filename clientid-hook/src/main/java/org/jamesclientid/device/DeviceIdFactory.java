package org.jamesclientid.device;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jamesclientid.core.ClientId;

import com.google.common.base.Preconditions;
import com.google.common.io.BaseEncoding;

/**
 * Turns a presented {@link ClientId} into what may be kept about it: a {@link DeviceId} (a keyed hash, so that a
 * leaked store reveals no token and ids cannot be computed without the secret) and a short hint for administrators.
 *
 * <p>Every node configured with the same secret computes the same id for the same device.</p>
 *
 * <p>While {@code clientid.secret} is rotated, the factory also knows the previous secret ({@link #withPrevious}):
 * {@link #previousDeviceId} gives the id the device had, so that the AUTH path can move what the account knew of it
 * to its new id ({@link DeviceHistory#rekey}).</p>
 */
public final class DeviceIdFactory {
    public static final int MINIMUM_SECRET_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";
    // Neither a type (letters, digits, '-') nor a token (VCHAR) contains a space, so type + ' ' + token is unambiguous.
    private static final String SEPARATOR = " ";
    private static final int ID_BYTES = DeviceId.LENGTH / 2;
    private static final int LONG_TOKEN_HINT_LENGTH = 4;
    private static final int SHORT_TOKEN_HINT_LENGTH = 2;
    private static final int SHORT_TOKEN_MAX_LENGTH = 12;
    private static final String ELLIPSIS = "...";

    public static DeviceIdFactory withSecret(String secret) {
        Preconditions.checkArgument(secret != null && secret.length() >= MINIMUM_SECRET_LENGTH,
            "The device id secret must be at least %s characters", MINIMUM_SECRET_LENGTH);
        return new DeviceIdFactory(key(secret), Optional.empty());
    }

    private static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * First and last 4 characters of the token; for a token of 12 characters or fewer, its first 2 characters only
     * (and never more than half of it), so that a hint never shows a whole token.
     */
    public static String hint(ClientId clientId) {
        String token = clientId.getToken();
        if (token.length() > SHORT_TOKEN_MAX_LENGTH) {
            return token.substring(0, LONG_TOKEN_HINT_LENGTH) + ELLIPSIS + token.substring(token.length() - LONG_TOKEN_HINT_LENGTH);
        }
        return token.substring(0, Math.min(SHORT_TOKEN_HINT_LENGTH, token.length() / 2)) + ELLIPSIS;
    }

    private final SecretKeySpec key;
    private final Optional<DeviceIdFactory> previous;
    // A Mac is not thread-safe, and a new one costs a provider lookup and a key setup (seen in the profile of every
    // AUTH): one per thread, reused. doFinal resets it for the next use.
    private final ThreadLocal<Mac> macs;

    private DeviceIdFactory(SecretKeySpec key, Optional<DeviceIdFactory> previous) {
        this.key = key;
        this.previous = previous;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * This factory, also knowing the secret it replaces (rotation, {@code clientid.secret.previous}).
     */
    public DeviceIdFactory withPrevious(String previousSecret) {
        DeviceIdFactory previousFactory = withSecret(previousSecret);
        Preconditions.checkArgument(!previousFactory.key.equals(key), "The previous secret must differ from the secret");
        return new DeviceIdFactory(key, Optional.of(previousFactory));
    }

    /**
     * The id of this device under the previous secret; empty when no rotation is under way.
     */
    public Optional<DeviceId> previousDeviceId(ClientId clientId) {
        return previous.map(factory -> factory.deviceId(clientId));
    }

    public DeviceId deviceId(ClientId clientId) {
        byte[] input = (clientId.getType() + SEPARATOR + clientId.getToken()).getBytes(StandardCharsets.UTF_8);
        byte[] digest = macs.get().doFinal(input);
        return DeviceId.of(BaseEncoding.base16().lowerCase().encode(Arrays.copyOf(digest, ID_BYTES)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "DeviceIdFactory{secret=<hidden>, previous=" + previous.map(any -> "<hidden>").orElse("none") + "}";
    }
}
