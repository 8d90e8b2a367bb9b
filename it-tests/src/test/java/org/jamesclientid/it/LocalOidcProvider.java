package org.jamesclientid.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;

import com.google.common.base.Joiner;
import com.sun.net.httpserver.HttpServer;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.SignatureAlgorithm;

/**
 * An OpenID provider as James' SMTP OAUTHBEARER / XOAUTH2 sees it: a JWKS document served over HTTP on 127.0.0.1 (a
 * free port), and RS256 access tokens signed with the matching key. James fetches the JWKS on every token it checks
 * (UrlJwkProvider, no cache), so the server runs for the whole test class.
 */
public final class LocalOidcProvider implements AutoCloseable {
    public static final String CLAIM = "email";
    public static final String SCOPE = "email";
    public static final String CONFIGURATION_URL = "https://oidc.example.com/.well-known/openid-configuration";

    private static final String KEY_ID = "clientid-it";
    private static final String JWKS_PATH = "/jwks";
    private static final char SASL_SEPARATOR = 1;

    public static LocalOidcProvider start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LocalOidcProvider provider = new LocalOidcProvider(server, rsaKeyPair(), rsaKeyPair());
            server.createContext(JWKS_PATH, exchange -> {
                byte[] body = provider.jwks().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final HttpServer server;
    private final KeyPair signingKey;
    private final KeyPair unknownKey;

    private LocalOidcProvider(HttpServer server, KeyPair signingKey, KeyPair unknownKey) {
        this.server = server;
        this.signingKey = signingKey;
        this.unknownKey = unknownKey;
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + JWKS_PATH;
    }

    /**
     * The {@code <oidc>} element of smtpserver.xml's {@code <auth>} (read by James' SMTPServer into its
     * OidcSASLConfiguration), and of imapserver.xml's {@code <auth>} too (IMAPServer reads it alike).
     */
    public String smtpServerXml() {
        return "<oidc>"
            + "<oidcConfigurationURL>" + CONFIGURATION_URL + "</oidcConfigurationURL>"
            + "<jwksURL>" + jwksUrl() + "</jwksURL>"
            + "<claim>" + CLAIM + "</claim>"
            + "<scope>" + SCOPE + "</scope>"
            + "</oidc>";
    }

    /**
     * A valid access token naming {@code user} in the configured claim.
     */
    public String token(String user) {
        return sign(user, signingKey);
    }

    /**
     * A well-formed token naming {@code user}, signed by a key the provider does not publish: James refuses it.
     */
    public String tokenSignedByUnknownKey(String user) {
        return sign(user, unknownKey);
    }

    private String sign(String user, KeyPair key) {
        Instant now = Instant.now();
        return Jwts.builder()
            .setHeaderParam("kid", KEY_ID)
            .setSubject("subject-of-" + user)
            .claim(CLAIM, user)
            .setIssuedAt(Date.from(now))
            .setExpiration(Date.from(now.plus(Duration.ofHours(1))))
            .signWith(key.getPrivate(), SignatureAlgorithm.RS256)
            .compact();
    }

    /**
     * The base64 initial response of AUTH OAUTHBEARER / XOAUTH2 in the form James 3.8.1 parses (OIDCSASLParser: the
     * requested user in {@code user=}, the token in {@code auth=Bearer}, as its own SMTPSaslTest sends it).
     */
    public static String initialResponse(String requestedUser, String token) {
        String response = Joiner.on(SASL_SEPARATOR).join("user=" + requestedUser, "auth=Bearer " + token, "", "");
        return Base64.getEncoder().encodeToString(response.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The text of James' 334 challenge to a refused token (AuthCmdHandler.failSasl): base64 of the RFC 7628 error.
     */
    public static String invalidTokenChallenge() {
        String error = "{\"status\":\"invalid_token\",\"scope\":\"" + SCOPE + "\",\"schemes\":\"" + CONFIGURATION_URL + "\"}";
        return Base64.getEncoder().encodeToString(error.getBytes(StandardCharsets.UTF_8));
    }

    private String jwks() {
        RSAPublicKey key = (RSAPublicKey) signingKey.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\","
            + "\"n\":\"" + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}]}";
    }

    private static String base64Url(BigInteger value) {
        // JWK (RFC 7518 6.3.1): the unsigned big-endian bytes, without BigInteger's sign byte.
        byte[] bytes = value.toByteArray();
        byte[] unsigned = bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
