package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.policy.EngineFixture.ALICE;
import static org.jamesclientid.policy.EngineFixture.LAPTOP;
import static org.jamesclientid.policy.EngineFixture.NOW;
import static org.jamesclientid.policy.EngineFixture.device;
import static org.jamesclientid.policy.EngineFixture.id;

import java.util.Optional;

import org.jamesclientid.activity.PasswordOnlySignIn;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.core.Protocol;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.policy.PolicyDecision.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12, point 1: in trust-first and enforce CLIENTID is required unless explicitly exempted (globally, per
 * protocol, per account, or for trusted networks such as a webmail host).
 */
class RequireClientIdTest {
    static final String WEBMAIL = "192.0.2.80";
    static final ClientId UNKNOWN = ClientId.of("UUID", "0f0f0f0f-0000-4000-8000-000000000001");

    EngineFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new EngineFixture();
        fixture.history.devices().add(ALICE, device(LAPTOP, DeviceStatus.TRUSTED)).block();
    }

    static AuthAttempt attempt(Protocol protocol, String ip, Optional<ClientId> clientId, boolean passwordValid) {
        return AuthAttempt.builder().protocol(protocol).username(ALICE).clientId(clientId).passwordValid(passwordValid)
            .remoteIp(ip).at(NOW).mechanism("password").build();
    }

    PolicyDecision decide(ClientIdPolicyEngine engine, AuthAttempt attempt) {
        return engine.decide(attempt).block();
    }

    @ParameterizedTest(name = "P1 U5 omitting CLIENTID should be refused by default in {0}, whatever the password")
    @ValueSource(strings = {"trust-first", "enforce"})
    void decideShouldRequireClientIdByDefaultInStrictModes(String mode) {
        ClientIdPolicyEngine engine = fixture.engine("clientid.mode=" + mode);

        assertThat(decide(engine, attempt(Protocol.SMTP, EngineFixture.IP, Optional.empty(), true)))
            .isEqualTo(PolicyDecision.deny(Reason.CLIENTID_REQUIRED, Optional.empty()));
        assertThat(decide(engine, attempt(Protocol.SMTP, EngineFixture.IP, Optional.empty(), false)))
            .isEqualTo(PolicyDecision.deny(Reason.CLIENTID_REQUIRED, Optional.empty()));
    }

    @Test
    @DisplayName("U5 observe should never require CLIENTID")
    void decideShouldNotRequireClientIdInObserve() {
        assertThat(decide(fixture.engine("clientid.mode=observe"), attempt(Protocol.SMTP, EngineFixture.IP, Optional.empty(), true)).getReason())
            .isEqualTo(Reason.NO_CLIENTID);
    }

    @Test
    void decideShouldFollowTheProtocolsOwnValue() {
        ClientIdPolicyEngine engine = fixture.engine("clientid.mode=enforce", "clientid.requireClientId.imap=false");

        assertThat(decide(engine, attempt(Protocol.SMTP, EngineFixture.IP, Optional.empty(), true)).getReason()).isEqualTo(Reason.CLIENTID_REQUIRED);
        assertThat(decide(engine, attempt(Protocol.IMAP, EngineFixture.IP, Optional.empty(), true)).getReason()).isEqualTo(Reason.NO_CLIENTID);
    }

    @Test
    void decideShouldFollowTheAccountsExemptionOverTheGlobalValue() {
        fixture.history.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.ENFORCE, false)).block();

        assertThat(decide(fixture.engine("clientid.mode=observe"), attempt(Protocol.SMTP, EngineFixture.IP, Optional.empty(), true)).getReason())
            .isEqualTo(Reason.NO_CLIENTID);
    }

    @Test
    void decideShouldFollowTheGlobalValueWhenTheAccountSetsTheModeOnly() {
        fixture.history.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.ENFORCE)).block();

        assertThat(decide(fixture.engine("clientid.mode=observe"), attempt(Protocol.SMTP, EngineFixture.IP, Optional.empty(), true)).getReason())
            .isEqualTo(Reason.CLIENTID_REQUIRED);
        assertThat(decide(fixture.engine("clientid.mode=observe", "clientid.requireClientId=false"),
            attempt(Protocol.SMTP, EngineFixture.IP, Optional.empty(), true)).getReason()).isEqualTo(Reason.NO_CLIENTID);
    }

    @Test
    @DisplayName("webmail: a trusted network signs in without CLIENTID on a strict account")
    void decideShouldLetAnExemptNetworkSignInWithoutClientId() {
        ClientIdPolicyEngine engine = fixture.engine("clientid.mode=enforce", "clientid.requireClientId.exemptNetworks=192.0.2.80/32, 2001:db8::/64");

        assertThat(decide(engine, attempt(Protocol.SMTP, WEBMAIL, Optional.empty(), true)).getReason()).isEqualTo(Reason.NO_CLIENTID);
        assertThat(decide(engine, attempt(Protocol.IMAP, "2001:db8::25", Optional.empty(), true)).getReason()).isEqualTo(Reason.NO_CLIENTID);
        assertThat(decide(engine, attempt(Protocol.SMTP, "192.0.2.81", Optional.empty(), true)).getReason()).isEqualTo(Reason.CLIENTID_REQUIRED);
    }

    @Test
    @DisplayName("webmail: a trusted network is exempt from requiring CLIENTID, never from the device policy")
    void decideShouldApplyTheDevicePolicyToAnExemptNetworkPresentingADevice() {
        ClientIdPolicyEngine engine = fixture.engine("clientid.mode=enforce", "clientid.requireClientId.exemptNetworks=192.0.2.80");

        assertThat(decide(engine, attempt(Protocol.SMTP, WEBMAIL, Optional.of(UNKNOWN), true)).getReason()).isEqualTo(Reason.UNKNOWN_DEVICE);
        fixture.history.blocks().block(Block.of(id(LAPTOP), Actor.ADMINISTRATOR, NOW.minusSeconds(1), Optional.empty(), Optional.empty())).block();
        assertThat(decide(engine, attempt(Protocol.SMTP, WEBMAIL, Optional.of(LAPTOP), true)).getReason()).isEqualTo(Reason.BLOCKED);
    }

    @Test
    @DisplayName("webmail: a trusted network is never exempt from the account's throttle")
    void decideShouldThrottleAnExemptNetworkLikeAnyOther() {
        ClientIdPolicyEngine engine = fixture.engine("clientid.mode=enforce", "clientid.requireClientId.exemptNetworks=192.0.2.80",
            "clientid.failures.account.limit=3");
        for (int i = 0; i < 3; i++) {
            decide(engine, attempt(Protocol.SMTP, WEBMAIL, Optional.empty(), false));
        }

        assertThat(decide(engine, attempt(Protocol.SMTP, WEBMAIL, Optional.empty(), true)).getReason()).isEqualTo(Reason.THROTTLED);
    }

    @Test
    @DisplayName("operators see the sign-ins without CLIENTID before requiring it")
    void decideShouldRecordSuccessfulSignInsWithoutClientId() {
        ClientIdPolicyEngine engine = fixture.engine("clientid.mode=observe");
        decide(engine, attempt(Protocol.SMTP, WEBMAIL, Optional.empty(), true));
        decide(engine, attempt(Protocol.SMTP, "192.0.2.81", Optional.empty(), true));
        decide(engine, attempt(Protocol.SMTP, WEBMAIL, Optional.empty(), false));
        decide(engine, attempt(Protocol.SMTP, WEBMAIL, Optional.of(LAPTOP), true));

        assertThat(fixture.passwordOnlySignIns.since(ALICE, NOW.minusSeconds(60)).collectList().block())
            .containsExactly(PasswordOnlySignIn.of(Protocol.SMTP, "password", 2, NOW, Optional.of("192.0.2.81")));
    }
}
