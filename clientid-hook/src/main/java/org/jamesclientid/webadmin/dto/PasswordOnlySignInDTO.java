package org.jamesclientid.webadmin.dto;

import java.time.Instant;
import java.util.Optional;

import org.jamesclientid.activity.PasswordOnlySignIn;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Successful sign-ins of an account without CLIENTID over one protocol and mechanism, recently.
 */
@JsonPropertyOrder({"protocol", "mechanism", "count", "lastSeen", "lastIp"})
public class PasswordOnlySignInDTO {
    public static PasswordOnlySignInDTO from(PasswordOnlySignIn signIns) {
        return new PasswordOnlySignInDTO(signIns.getProtocol().asString(), signIns.getMechanism(), signIns.getCount(),
            ShownTime.of(signIns.getLastAt()), signIns.getLastIp());
    }

    private final String protocol;
    private final String mechanism;
    private final long count;
    private final Instant lastSeen;
    private final Optional<String> lastIp;

    private PasswordOnlySignInDTO(String protocol, String mechanism, long count, Instant lastSeen, Optional<String> lastIp) {
        this.protocol = protocol;
        this.mechanism = mechanism;
        this.count = count;
        this.lastSeen = lastSeen;
        this.lastIp = lastIp;
    }

    public String getProtocol() {
        return protocol;
    }

    public String getMechanism() {
        return mechanism;
    }

    public long getCount() {
        return count;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public Optional<String> getLastIp() {
        return lastIp;
    }
}
