package org.jamesclientid.webadmin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * RS256 JSON Web Tokens as an identity provider would sign them for James WebAdmin, with a key pair made for the
 * test (James' JwtFilter accepts a token whose {@code admin} claim is {@code true}).
 */
public final class JwtTokens {
    private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder().withoutPadding();

    public static JwtTokens generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new JwtTokens(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private final KeyPair keyPair;

    private JwtTokens(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /**
     * The public key as {@code jwt.publickeypem.url} of webadmin.properties points to it.
     */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keyPair.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    }

    public String token(String subject, boolean admin) {
        String header = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = encode("{\"sub\":\"" + subject + "\",\"admin\":" + admin + ",\"iat\":1764237600}");
        String signingInput = header + "." + payload;
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keyPair.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64_URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String adminToken() {
        return token("admin@example.com", true);
    }

    private static String encode(String json) {
        return BASE64_URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
