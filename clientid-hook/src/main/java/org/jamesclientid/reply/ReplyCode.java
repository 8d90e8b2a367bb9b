package org.jamesclientid.reply;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.common.base.Preconditions;
import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;

/**
 * The secret part of a reply address: 128 random bits from {@link SecureRandom}, as 32 lower-case hexadecimal
 * characters (an address's local part is compared without case by many clients, so hexadecimal survives them). The
 * store keeps only its {@link #hash()}: whoever reads the store cannot reply.
 */
public final class ReplyCode {
    public static final int BYTES = 16;
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{" + 2 * BYTES + "}");
    private static final BaseEncoding HEX = BaseEncoding.base16().lowerCase();

    public static ReplyCode generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new ReplyCode(HEX.encode(bytes));
    }

    /**
     * Empty unless {@code value} is 32 hexadecimal characters, in either case.
     */
    public static Optional<ReplyCode> parse(String value) {
        String normalized = value.toLowerCase(Locale.US);
        if (!FORMAT.matcher(normalized).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ReplyCode(normalized));
    }

    private final String value;

    private ReplyCode(String value) {
        Preconditions.checkArgument(FORMAT.matcher(value).matches(), "A reply code is %s hexadecimal characters", 2 * BYTES);
        this.value = value;
    }

    public String asString() {
        return value;
    }

    /**
     * SHA-256 of the code, in hexadecimal: the key under which the store keeps what the code allows. 128 random
     * bits need no salt nor slow hash: nobody can try them all.
     */
    public String hash() {
        return Hashing.sha256().hashString(value, StandardCharsets.US_ASCII).toString();
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof ReplyCode) {
            ReplyCode that = (ReplyCode) o;
            return Objects.equals(this.value, that.value);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(value);
    }

    /**
     * Never the code: it would let whoever reads a log reply in the owner's name.
     */
    @Override
    public String toString() {
        return "ReplyCode{hidden}";
    }
}
