package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.policy.EngineFixture.ALICE;
import static org.jamesclientid.policy.EngineFixture.BOB;
import static org.jamesclientid.policy.EngineFixture.LAPTOP;
import static org.jamesclientid.policy.EngineFixture.NOW;
import static org.jamesclientid.policy.EngineFixture.attempt;
import static org.jamesclientid.policy.EngineFixture.device;
import static org.jamesclientid.policy.EngineFixture.id;

import java.util.Optional;

import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.policy.PolicyDecision.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypeRulesAndFlagsTest {
    static final ClientId MAC = ClientId.of("MAC", "08:9e:01:70:f6:46");
    static final ClientId LICENCE = ClientId.of("LICENCE", "ABCD-EFGH-IJKL-MNOP");
    static final ClientId VENDOR = ClientId.of("X-VENDOR", "opaque-vendor-token-42");

    EngineFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new EngineFixture();
    }

    PolicyDecision decide(ClientIdPolicyEngine engine, Optional<ClientId> clientId, boolean passwordValid) {
        return engine.decide(attempt(ALICE, clientId, passwordValid, NOW)).block();
    }

    void assertNothingRecorded(ClientId clientId) {
        assertThat(fixture.stored(ALICE, clientId)).isEmpty();
        assertThat(fixture.useRecorded(clientId, ALICE)).isFalse();
        assertThat(fixture.failuresInWindow(clientId, NOW)).isZero();
    }

    @Nested
    class TypeRules {
        @Test
        @DisplayName("P9 a type the server has never heard of should be accepted without an explicit rule")
        void decideShouldAcceptUnknownTypesByDefault() {
            PolicyDecision decision = decide(fixture.engine(), Optional.of(VENDOR), true);

            assertThat(decision).isEqualTo(PolicyDecision.allow(Reason.NEW_DEVICE, Optional.of(id(VENDOR))));
        }

        @ParameterizedTest(name = "P2 P3 a denied type should be refused in {0}, whatever the password, recording no device but a failure for each")
        @ValueSource(strings = {"observe", "trust-first", "enforce"})
        void decideShouldDenyADeniedType(String mode) {
            ClientIdPolicyEngine engine = fixture.engine("clientid.mode=" + mode, "clientid.types.denied=mac");

            assertThat(decide(engine, Optional.of(MAC), true)).isEqualTo(PolicyDecision.deny(Reason.TYPE_DENIED, Optional.of(id(MAC))));
            assertThat(decide(engine, Optional.of(MAC), false).getReason()).isEqualTo(Reason.TYPE_DENIED);
            assertThat(fixture.stored(ALICE, MAC)).isEmpty();
            assertThat(fixture.useRecorded(MAC, ALICE)).isFalse();
            // A refusal counts toward the failure limits like a wrong password: the same whatever the password.
            assertThat(fixture.failuresInWindow(MAC, NOW)).isEqualTo(2);
        }

        @Test
        @DisplayName("P2 P3 with an allow list, only listed types should pass")
        void decideShouldDenyTypesMissingFromTheAllowList() {
            ClientIdPolicyEngine engine = fixture.engine("clientid.types.allowed=UUID,LICENCE");

            assertThat(decide(engine, Optional.of(MAC), true).getReason()).isEqualTo(Reason.TYPE_DENIED);
            assertThat(decide(engine, Optional.of(LICENCE), true).getReason()).isEqualTo(Reason.NEW_DEVICE);
            assertThat(decide(engine, Optional.of(LAPTOP), true).getReason()).isEqualTo(Reason.NEW_DEVICE);
        }

        @Test
        @DisplayName("P2 type rules should not apply in mode off")
        void decideShouldIgnoreTypeRulesWhenOff() {
            ClientIdPolicyEngine engine = fixture.engine("clientid.mode=off", "clientid.types.denied=MAC");

            assertThat(decide(engine, Optional.of(MAC), true).getReason()).isEqualTo(Reason.MODE_OFF);
        }
    }

    @Nested
    class RequireClientId {
        @ParameterizedTest(name = "P1 U5 an account requiring CLIENTID should refuse AUTH without one in {0}")
        @ValueSource(strings = {"trust-first", "enforce"})
        void decideShouldDenyWithoutClientIdWhenRequired(String mode) {
            ClientIdPolicyEngine engine = fixture.engine("clientid.mode=" + mode, "clientid.requireClientId=true");

            assertThat(decide(engine, Optional.empty(), true)).isEqualTo(PolicyDecision.deny(Reason.CLIENTID_REQUIRED, Optional.empty()));
            assertThat(decide(engine, Optional.empty(), false).getReason()).isEqualTo(Reason.CLIENTID_REQUIRED);
        }

        @Test
        @DisplayName("P1 requireClientId should not apply in observe")
        void decideShouldAllowWithoutClientIdInObserveEvenWhenRequired() {
            ClientIdPolicyEngine engine = fixture.engine("clientid.mode=observe", "clientid.requireClientId=true");

            assertThat(decide(engine, Optional.empty(), true).getReason()).isEqualTo(Reason.NO_CLIENTID);
        }

        @Test
        @DisplayName("P1 U5 an account override should set the mode and requireClientId of that account only")
        void decideShouldFollowTheAccountOverride() {
            fixture.history.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.ENFORCE, true)).block();
            ClientIdPolicyEngine engine = fixture.engine("clientid.mode=observe");

            assertThat(decide(engine, Optional.empty(), true).getReason()).isEqualTo(Reason.CLIENTID_REQUIRED);
            assertThat(decide(engine, Optional.of(LAPTOP), true).getReason()).isEqualTo(Reason.UNKNOWN_DEVICE);
            assertThat(engine.decide(attempt(BOB, LAPTOP, true, NOW)).block().getReason()).isEqualTo(Reason.NEW_DEVICE);
        }

        @Test
        void decideShouldLetAnAccountOverrideTurnTheExtensionOff() {
            fixture.history.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.OFF, false)).block();
            ClientIdPolicyEngine engine = fixture.engine("clientid.mode=enforce", "clientid.requireClientId=true");

            assertThat(decide(engine, Optional.of(LAPTOP), true).getReason()).isEqualTo(Reason.MODE_OFF);
            assertNothingRecorded(LAPTOP);
        }
    }

    @Nested
    class Flags {
        @ParameterizedTest(name = "F {0}: the identity should be treated as not presented")
        @ValueSource(strings = {"ignore", "session-only", "system-log", "system-log,alert-failure", ""})
        void decideShouldNotUseTypesWithoutAuthenticate(String flags) {
            fixture.history.devices().add(ALICE, device(LAPTOP, DeviceStatus.PENDING)).block();
            ClientIdPolicyEngine engine = fixture.engine("clientid.mode=enforce", "clientid.requireClientId=false", "clientid.type.UUID.flags=" + flags);

            assertThat(decide(engine, Optional.of(LAPTOP), true)).isEqualTo(PolicyDecision.allow(Reason.NO_CLIENTID, Optional.empty()));
            assertThat(fixture.activity(ALICE, LAPTOP)).isEmpty();
            assertThat(fixture.useRecorded(LAPTOP, ALICE)).isFalse();
        }

        @ParameterizedTest(name = "F P1 {0}: a required CLIENTID should still be missing")
        @ValueSource(strings = {"ignore", "session-only", "system-log"})
        void decideShouldDenyWhenRequiredAndTheTypeIsNotUsed(String flags) {
            ClientIdPolicyEngine engine = fixture.engine("clientid.mode=enforce", "clientid.requireClientId=true",
                "clientid.type.UUID.flags=" + flags);

            assertThat(decide(engine, Optional.of(LAPTOP), true).getReason()).isEqualTo(Reason.CLIENTID_REQUIRED);
        }

        @Test
        @DisplayName("F ignore should also keep a wrong password from being recorded against the device")
        void decideShouldRecordNoFailureForAnIgnoredType() {
            ClientIdPolicyEngine engine = fixture.engine("clientid.type.UUID.flags=ignore");

            assertThat(decide(engine, Optional.of(LAPTOP), false)).isEqualTo(PolicyDecision.deny(Reason.PASSWORD, Optional.empty()));
            assertNothingRecorded(LAPTOP);
        }

        @Test
        @DisplayName("F authenticate for one type only: other types fall back to the default flags")
        void decideShouldUsePerTypeFlagsOverTheDefault() {
            ClientIdPolicyEngine engine = fixture.engine("clientid.mode=enforce", "clientid.requireClientId=false",
                "clientid.type.default.flags=ignore", "clientid.type.LICENCE.flags=authenticate");

            assertThat(decide(engine, Optional.of(LAPTOP), true).getReason()).isEqualTo(Reason.NO_CLIENTID);
            assertThat(decide(engine, Optional.of(LICENCE), true).getReason()).isEqualTo(Reason.UNKNOWN_DEVICE);
        }

        @Test
        @DisplayName("F alert-failure should raise an alert when AUTH with the type is denied")
        void decideShouldAlertOnFailureWhenFlagged() {
            ClientIdPolicyEngine engine = fixture.engine("clientid.type.UUID.flags=authenticate,alert-failure");

            decide(engine, Optional.of(LAPTOP), false);

            assertThat(fixture.alerts.kinds()).containsExactly(Alert.Kind.AUTH_FAILED);
        }

        @Test
        @DisplayName("F alert-success should raise an alert when AUTH with the type is allowed")
        void decideShouldAlertOnSuccessWhenFlagged() {
            fixture.history.devices().add(ALICE, device(LAPTOP, DeviceStatus.TRUSTED)).block();
            ClientIdPolicyEngine engine = fixture.engine("clientid.type.UUID.flags=authenticate,alert-success");

            decide(engine, Optional.of(LAPTOP), true);
            decide(engine, Optional.of(LAPTOP), false);

            assertThat(fixture.alerts.kinds()).containsExactly(Alert.Kind.AUTH_SUCCEEDED);
        }

        @Test
        @DisplayName("F alerts should apply to a type used only for logging too")
        void decideShouldAlertForATypeNotUsedForAuthentication() {
            ClientIdPolicyEngine engine = fixture.engine("clientid.type.UUID.flags=system-log,alert-failure");

            decide(engine, Optional.of(LAPTOP), false);

            assertThat(fixture.alerts.alerts()).singleElement()
                .satisfies(alert -> assertThat(alert.getDeviceId()).contains(id(LAPTOP)));
        }

        @Test
        @DisplayName("F user-log and system-log should tell alert listeners where device details may go")
        void decideShouldPassTheLogFlagsToAlerts() {
            ClientIdPolicyEngine userOnly = fixture.engine("clientid.type.UUID.flags=authenticate,user-log");

            decide(userOnly, Optional.of(LAPTOP), true);

            assertThat(fixture.alerts.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.isUserLog()).isTrue();
                assertThat(alert.isSystemLog()).isFalse();
            });
        }

        @Test
        @DisplayName("F default flags: system log and user log (owners get notices)")
        void decideShouldUseTheDefaultFlagsForAlerts() {
            decide(fixture.engine(), Optional.of(LAPTOP), true);

            assertThat(fixture.alerts.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.isSystemLog()).isTrue();
                assertThat(alert.isUserLog()).isTrue();
            });
        }
    }
}
