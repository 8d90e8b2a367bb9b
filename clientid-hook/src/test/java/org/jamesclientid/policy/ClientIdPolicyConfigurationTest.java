package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jamesclientid.policy.PolicyConfigurations.SECRET;
import static org.jamesclientid.policy.PolicyConfigurations.policy;
import static org.jamesclientid.policy.PolicyConfigurations.properties;

import java.time.Duration;
import java.util.List;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.core.Protocol;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.common.base.Strings;
import com.google.common.collect.ImmutableSet;

import nl.jqno.equalsverifier.EqualsVerifier;

class ClientIdPolicyConfigurationTest {
    static final String SECRET_LINE = "clientid.secret=" + SECRET;
    static final String PREVIOUS_SECRET = "fedcba9876543210fedcba9876543210-previous";

    @Test
    void shouldRespectBeanContract() {
        EqualsVerifier.forClass(ClientIdPolicyConfiguration.class)
            .withPrefabValues(TrustedNetworks.class, TrustedNetworks.NONE, TrustedNetworks.parse(List.of("192.0.2.0/24")))
            .verify();
    }

    @Nested
    class Defaults {
        ClientIdPolicyConfiguration configuration = policy();

        @Test
        void modeShouldBeObserveByDefault() {
            assertThat(configuration.getDefaultMode()).isEqualTo(ClientIdMode.OBSERVE);
        }

        @Test
        void requireClientIdShouldBeTrueForEveryProtocolByDefault() {
            assertThat(configuration.isRequireClientId(Protocol.SMTP)).isTrue();
            assertThat(configuration.isRequireClientId(Protocol.IMAP)).isTrue();
        }

        @Test
        void limitsShouldSpareAHouseholdByDefault() {
            assertThat(configuration.getFailureLimit()).isEqualTo(DeviceLimit.of(10, Duration.ofMinutes(15), Duration.ofMinutes(15)));
            assertThat(configuration.getAllAccountsFailureLimit()).isEqualTo(DeviceLimit.of(30, Duration.ofMinutes(15), Duration.ofMinutes(15)));
            assertThat(configuration.getAccountFailureLimit()).isEqualTo(DeviceLimit.of(30, Duration.ofMinutes(15), Duration.ofMinutes(15)));
            assertThat(configuration.getAddressFailureLimit()).isEqualTo(DeviceLimit.of(30, Duration.ofMinutes(15), Duration.ofMinutes(15)));
            assertThat(configuration.getMaxFailedAuthPerConnection()).isEqualTo(3);
            assertThat(configuration.getExemptNetworks()).isEqualTo(TrustedNetworks.NONE);
        }

        @Test
        void rejectionStageShouldBeAuthByDefault() {
            assertThat(configuration.getRejectionStage()).isEqualTo(RejectionStage.AUTH);
        }

        @Test
        void failureLimitShouldBeTenIn15MinutesBlockingFor15MinutesByDefault() {
            assertThat(configuration.getFailureLimit()).isEqualTo(DeviceLimit.of(10, Duration.ofMinutes(15), Duration.ofMinutes(15)));
        }

        @Test
        void sharedDeviceLimitShouldBeFiveAccountsInAnHourBlockingForAnHourByDefault() {
            assertThat(configuration.getSharedDeviceLimit()).isEqualTo(DeviceLimit.of(5, Duration.ofHours(1), Duration.ofHours(1)));
        }

        @Test
        void typeRulesShouldAcceptEveryTypeWithSystemLogAndAuthenticateByDefault() {
            assertThat(configuration.getTypeRules()).isEqualTo(TypeRules.DEFAULT);
            assertThat(configuration.getTypeRules().isAccepted("NEVER-SEEN-TYPE")).isTrue();
            assertThat(configuration.getTypeRules().flags("UUID").asSet()).containsOnly(TypeFlag.SYSTEM_LOG, TypeFlag.USER_LOG, TypeFlag.AUTHENTICATE);
        }

        @Test
        void alertOnNewDeviceShouldBeOnByDefault() {
            assertThat(configuration.isAlertOnNewDevice()).isTrue();
        }

        @Test
        void storeTimeoutShouldBeTwoSecondsByDefault() {
            assertThat(configuration.getStoreTimeout()).isEqualTo(Duration.ofSeconds(2));
        }

        @Test
        void secretShouldBeTheConfiguredOne() {
            assertThat(configuration.getSecret()).isEqualTo(SECRET);
        }
    }

    @Nested
    class EveryKey {
        ClientIdPolicyConfiguration configuration = policy(
            "clientid.mode=Trust-First",
            "clientid.requireClientId=TRUE",
            "clientid.rejection.stage=mail",
            "clientid.failures.limit=3",
            "clientid.failures.window=2m",
            "clientid.failures.blockDuration=1d",
            "clientid.sharedDevice.maxAccounts=2",
            "clientid.sharedDevice.window=30",
            "clientid.sharedDevice.blockDuration=2 hours",
            "clientid.types.allowed=uuid, licence",
            "clientid.types.denied=MAC",
            "clientid.type.default.flags=system-log",
            "clientid.type.uuid.flags=authenticate,user-log,alert-failure,alert-success",
            "clientid.type.TEST.flags=ignore",
            "clientid.type.DEBUG.flags=session-only",
            "clientid.alerts.newDevice=false",
            "clientid.store.timeout=500ms");

        @Test
        void fromShouldReadTheAccountDefaults() {
            assertThat(configuration.getDefaultMode()).isEqualTo(ClientIdMode.TRUST_FIRST);
            assertThat(configuration.isRequireClientId(Protocol.SMTP)).isTrue();
        }

        @Test
        void fromShouldReadTheRejectionStage() {
            assertThat(configuration.getRejectionStage()).isEqualTo(RejectionStage.MAIL);
        }

        @Test
        void fromShouldReadTheLimitsWithPlainNumbersAsSeconds() {
            assertThat(configuration.getFailureLimit()).isEqualTo(DeviceLimit.of(3, Duration.ofMinutes(2), Duration.ofDays(1)));
            assertThat(configuration.getSharedDeviceLimit()).isEqualTo(DeviceLimit.of(2, Duration.ofSeconds(30), Duration.ofHours(2)));
        }

        @Test
        void fromShouldReadTypeListsInUpperCase() {
            assertThat(configuration.getTypeRules().getAllowed()).containsExactly("UUID", "LICENCE");
            assertThat(configuration.getTypeRules().getDenied()).containsExactly("MAC");
        }

        @Test
        void fromShouldReadFlagsPerTypeWhateverTheCase() {
            assertThat(configuration.getTypeRules().flags("Uuid").asSet())
                .containsOnly(TypeFlag.AUTHENTICATE, TypeFlag.USER_LOG, TypeFlag.ALERT_FAILURE, TypeFlag.ALERT_SUCCESS);
            assertThat(configuration.getTypeRules().flags("test").asSet()).containsOnly(TypeFlag.IGNORE);
            assertThat(configuration.getTypeRules().flags("DEBUG").asSet()).containsOnly(TypeFlag.SESSION_ONLY);
        }

        @Test
        void fromShouldApplyTheDefaultFlagsToOtherTypes() {
            assertThat(configuration.getTypeRules().flags("LICENCE").asSet()).containsOnly(TypeFlag.SYSTEM_LOG);
        }

        @Test
        void fromShouldReadAlertsAndTimeout() {
            assertThat(configuration.isAlertOnNewDevice()).isFalse();
            assertThat(configuration.getStoreTimeout()).isEqualTo(Duration.ofMillis(500));
        }

        @Test
        void fromShouldAcceptAnEmptyFlagList() {
            assertThat(policy("clientid.type.X.flags=").getTypeRules().flags("X").asSet()).isEmpty();
        }

        @Test
        void fromShouldUseDefaultsWhenValuesAreBlank() {
            assertThat(policy("clientid.mode=", "clientid.failures.limit= ")).isEqualTo(policy());
        }
    }

    @Nested
    class Secret {
        @Test
        void fromShouldThrowWhenSecretIsMissing() {
            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(properties("clientid.mode=observe")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("clientid.secret")
                .hasMessageContaining("clientid.secret.generateIfMissing");
        }

        @Test
        void fromShouldThrowWithoutShowingTheSecretWhenTooShort() {
            String shortSecret = Strings.repeat("s", 31);

            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(properties("clientid.secret=" + shortSecret)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("clientid.secret")
                .hasMessageContaining("31")
                .hasMessageNotContaining(shortSecret);
        }

        @Test
        void fromShouldThrowWhenSecretContainsACommaAsJamesWouldSplitIt() {
            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(properties("clientid.secret=" + SECRET + "," + SECRET)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("clientid.secret")
                .hasMessageNotContaining(SECRET);
        }

        @Test
        void fromShouldThrowWhenSecretContainsACommaWithoutListSplitting() {
            BaseConfiguration configuration = new BaseConfiguration();
            configuration.setProperty("clientid.secret", SECRET + "," + SECRET);

            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(configuration))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("clientid.secret");
        }

        @Test
        void fromShouldGenerateARandomSecretWhenAskedTo() throws Exception {
            ClientIdPolicyConfiguration first = ClientIdPolicyConfiguration.from(properties("clientid.secret.generateIfMissing=true"));
            ClientIdPolicyConfiguration second = ClientIdPolicyConfiguration.from(properties("clientid.secret.generateIfMissing=true"));

            assertThat(first.getSecret()).hasSize(64).isNotEqualTo(second.getSecret());
        }

        @Test
        void fromShouldPreferTheConfiguredSecretWhenGenerationIsAllowed() throws Exception {
            assertThat(ClientIdPolicyConfiguration.from(properties(SECRET_LINE, "clientid.secret.generateIfMissing=true")).getSecret())
                .isEqualTo(SECRET);
        }

        @Test
        void previousSecretShouldBeEmptyByDefault() {
            assertThat(policy().getPreviousSecret()).isEmpty();
        }

        @Test
        void previousSecretShouldBeTheConfiguredOne() {
            assertThat(policy("clientid.secret.previous=" + PREVIOUS_SECRET).getPreviousSecret()).contains(PREVIOUS_SECRET);
        }

        @Test
        void fromShouldThrowWhenPreviousSecretIsTooShort() {
            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(properties(SECRET_LINE, "clientid.secret.previous=short-but-not-32")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("clientid.secret.previous")
                .hasMessageNotContaining("short-but-not-32");
        }

        @Test
        void fromShouldThrowWhenPreviousSecretContainsAComma() {
            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(properties(SECRET_LINE,
                    "clientid.secret.previous=" + PREVIOUS_SECRET + "," + PREVIOUS_SECRET)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("clientid.secret.previous")
                .hasMessageNotContaining(PREVIOUS_SECRET);
        }

        @Test
        void fromShouldThrowWhenPreviousSecretIsTheSecret() {
            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(properties(SECRET_LINE, "clientid.secret.previous=" + SECRET)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("clientid.secret.previous must differ from clientid.secret")
                .hasMessageNotContaining(SECRET);
        }

        @Test
        void toStringShouldHideThePreviousSecret() {
            assertThat(policy("clientid.secret.previous=" + PREVIOUS_SECRET).toString()).doesNotContain(PREVIOUS_SECRET);
        }

        @Test
        void toStringShouldHideTheSecret() {
            assertThat(policy().toString()).doesNotContain(SECRET).contains("<hidden>");
        }
    }

    @Nested
    class BadValues {
        @ParameterizedTest(name = "{0}={1}")
        @CsvSource(delimiter = '|', value = {
            "clientid.secret.generateIfMissing | yes",
            "clientid.mode                     | strict",
            "clientid.mode                     | observe;enforce",
            "clientid.requireClientId          | 1",
            "clientid.rejection.stage          | data",
            "clientid.failures.limit           | 0",
            "clientid.failures.limit           | -3",
            "clientid.failures.limit           | ten",
            "clientid.failures.limit           | 99999999999",
            "clientid.failures.window          | 0s",
            "clientid.failures.window          | -5m",
            "clientid.failures.window          | 15 fortnights",
            "clientid.failures.blockDuration   | soon",
            "clientid.sharedDevice.maxAccounts | 2.5",
            "clientid.sharedDevice.window      | 0",
            "clientid.sharedDevice.blockDuration | 1x",
            "clientid.types.allowed            | UUID_V4",
            "clientid.types.denied             | ABCDEFGHIJKLMNOPQ",
            "clientid.type.UUID.flags          | authenticate;log",
            "clientid.type.default.flags       | everything",
            "clientid.alerts.newDevice         | on",
            "clientid.store.timeout            | forever",
        })
        void fromShouldNameTheKeyAndTheValueWhenInvalid(String key, String value) {
            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(properties(SECRET_LINE, key + "=" + value)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(value);
        }

        @ParameterizedTest
        @ValueSource(strings = {"clientid.mode=observe,enforce", "clientid.failures.limit=1,2", "clientid.store.timeout=1s, 2s"})
        void fromShouldThrowWhenAListIsGivenForASingleValue(String line) {
            String key = line.substring(0, line.indexOf('='));

            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(properties(SECRET_LINE, line)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(key);
        }

        @Test
        void fromShouldListAllowedModesWhenUnknown() {
            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(properties(SECRET_LINE, "clientid.mode=strict")))
                .hasMessageContaining("off, observe, trust-first, enforce");
        }

        @Test
        void fromShouldListAllowedFlagsWhenUnknown() {
            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(properties(SECRET_LINE, "clientid.type.UUID.flags=log")))
                .hasMessageContaining(TypeFlag.ALLOWED_VALUES);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ignore,authenticate", "session-only,system-log", "ignore,session-only"})
        void fromShouldThrowWhenIgnoreOrSessionOnlyComeWithAnotherFlag(String flags) {
            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(properties(SECRET_LINE, "clientid.type.UUID.flags=" + flags)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("clientid.type.UUID.flags");
        }

        @Test
        void fromShouldThrowWhenATypeIsBothAllowedAndDenied() {
            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(properties(SECRET_LINE,
                    "clientid.types.allowed=UUID,MAC", "clientid.types.denied=mac")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("clientid.types.denied")
                .hasMessageContaining("MAC");
        }

        @ParameterizedTest
        @ValueSource(strings = {"clientid.type.UUID.flag", "clientid.type.UUID", "clientid.type.UU_ID.flags", "clientid.type.A.B.flags"})
        void fromShouldThrowWhenUnknownKeyUnderTypePrefix(String key) {
            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(properties(SECRET_LINE, key + "=authenticate")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(key.equals("clientid.type.UU_ID.flags") ? "UU_ID" : key);
        }

        @Test
        void fromShouldThrowWhenATypeHasFlagsUnderTwoSpellings() {
            assertThatThrownBy(() -> ClientIdPolicyConfiguration.from(properties(SECRET_LINE,
                    "clientid.type.uuid.flags=authenticate", "clientid.type.UUID.flags=ignore")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("UUID");
        }
    }

    @Nested
    class ValueTypes {
        @Test
        void deviceLimitShouldRespectBeanContract() {
            EqualsVerifier.forClass(DeviceLimit.class).verify();
        }

        @Test
        void typeRulesShouldRespectBeanContract() {
            EqualsVerifier.forClass(TypeRules.class).verify();
        }

        @Test
        void typeFlagsShouldRespectBeanContract() {
            EqualsVerifier.forClass(TypeFlags.class).verify();
        }

        @Test
        void typeRulesShouldAcceptUnknownTypesWithoutRules() {
            assertThat(TypeRules.DEFAULT.isAccepted("X-NEW")).isTrue();
        }

        @Test
        void typeFlagsShouldRefuseIgnoreWithAnotherFlag() {
            assertThatThrownBy(() -> TypeFlags.of(ImmutableSet.of(TypeFlag.IGNORE, TypeFlag.USER_LOG)))
                .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void typeFlagsShouldBeProcessedOnlyWhenSomethingIsToBeDone() {
            assertThat(TypeFlags.of(ImmutableSet.of(TypeFlag.IGNORE)).isProcessed()).isFalse();
            assertThat(TypeFlags.of(ImmutableSet.of(TypeFlag.SESSION_ONLY)).isProcessed()).isFalse();
            assertThat(TypeFlags.of(ImmutableSet.of()).isProcessed()).isFalse();
            assertThat(TypeFlags.of(ImmutableSet.of(TypeFlag.SYSTEM_LOG)).isProcessed()).isTrue();
        }
    }
}
