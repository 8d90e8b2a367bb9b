package org.jamesclientid.webadmin.dto;

import java.time.Instant;

import org.jamesclientid.device.AccountUse;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An account a device was used with, and when last: {@code GET /clientid/devices/{id}/users}.
 */
@JsonPropertyOrder({"username", "lastSeen"})
public class AccountUseDTO {
    public static AccountUseDTO from(AccountUse use) {
        return new AccountUseDTO(use.getUsername().asString(), ShownTime.of(use.getLastSeen()));
    }

    private final String username;
    private final Instant lastSeen;

    private AccountUseDTO(String username, Instant lastSeen) {
        this.username = username;
        this.lastSeen = lastSeen;
    }

    public String getUsername() {
        return username;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }
}
