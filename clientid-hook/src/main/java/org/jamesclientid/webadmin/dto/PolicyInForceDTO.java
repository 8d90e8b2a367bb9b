package org.jamesclientid.webadmin.dto;

import java.util.Map;

import org.jamesclientid.core.Protocol;
import org.jamesclientid.policy.PolicyInForce;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.common.collect.ImmutableMap;

/**
 * What {@code GET /clientid/users/{user}/policy} shows: the policy in force and where each part comes from
 * ({@code account}: set on the account; {@code global}: clientid.properties). {@code requireClientId} is the value
 * for SMTP; {@code requireClientIdByProtocol} gives each protocol's.
 */
@JsonPropertyOrder({"mode", "requireClientId", "modeSource", "requireClientIdSource", "requireClientIdByProtocol"})
public class PolicyInForceDTO {
    public static PolicyInForceDTO from(Map<Protocol, PolicyInForce> byProtocol) {
        PolicyInForce smtp = byProtocol.get(Protocol.SMTP);
        ImmutableMap.Builder<String, Boolean> requireByProtocol = ImmutableMap.builder();
        byProtocol.forEach((protocol, policy) -> requireByProtocol.put(protocol.asString(), policy.isRequireClientId()));
        return new PolicyInForceDTO(smtp.getMode().asString(), smtp.isRequireClientId(), smtp.getModeSource().asString(),
            smtp.getRequireClientIdSource().asString(), requireByProtocol.build());
    }

    private final String mode;
    private final boolean requireClientId;
    private final String modeSource;
    private final String requireClientIdSource;
    private final Map<String, Boolean> requireClientIdByProtocol;

    private PolicyInForceDTO(String mode, boolean requireClientId, String modeSource, String requireClientIdSource,
                             Map<String, Boolean> requireClientIdByProtocol) {
        this.mode = mode;
        this.requireClientId = requireClientId;
        this.modeSource = modeSource;
        this.requireClientIdSource = requireClientIdSource;
        this.requireClientIdByProtocol = requireClientIdByProtocol;
    }

    public String getMode() {
        return mode;
    }

    public boolean getRequireClientId() {
        return requireClientId;
    }

    public String getModeSource() {
        return modeSource;
    }

    public String getRequireClientIdSource() {
        return requireClientIdSource;
    }

    public Map<String, Boolean> getRequireClientIdByProtocol() {
        return requireClientIdByProtocol;
    }
}
