package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.policy.EngineFixture.ALICE;
import static org.jamesclientid.policy.EngineFixture.BOB;
import static org.jamesclientid.policy.EngineFixture.IDS;
import static org.jamesclientid.policy.EngineFixture.LAPTOP;
import static org.jamesclientid.policy.EngineFixture.NOW;
import static org.jamesclientid.policy.EngineFixture.attempt;
import static org.jamesclientid.policy.EngineFixture.id;
import static org.jamesclientid.policy.UnreliableDeviceHistory.Failure.ERROR;
import static org.jamesclientid.policy.UnreliableDeviceHistory.Failure.NO_ANSWER;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.DeviceIdFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;

class DecisionLoggingTest {
    static final String TOKEN = "SECRET-TOKEN-123-4567-89ab-cdef";
    static final ClientId SECRET_DEVICE = ClientId.of("UUID", TOKEN);
    static final String ENGINE = ClientIdPolicyEngine.class.getName();

    EngineFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new EngineFixture();
    }

    @Test
    void decideShouldLogOneInfoLineWithAccountDeviceTypeOutcomeReasonAndMode() {
        try (LogCapture logs = LogCapture.everything()) {
            fixture.engine("clientid.mode=observe").decide(attempt(ALICE, LAPTOP, true, NOW)).block();

            assertThat(logs.messages(ENGINE, Level.INFO)).containsExactly("CLIENTID decision protocol=smtp ip=192.0.2.10 outcome=ALLOW reason=NEW_DEVICE mode=observe device="
                + id(LAPTOP).asString() + " type=\"UUID\" account=\"alice@example.com\"");
        }
    }

    @Test
    void decideShouldLogADashWhenNoClientId() {
        try (LogCapture logs = LogCapture.everything()) {
            fixture.engine("clientid.mode=enforce").decide(attempt(ALICE, Optional.empty(), false, NOW)).block();

            assertThat(logs.messages(ENGINE, Level.INFO)).containsExactly(
                "CLIENTID decision protocol=smtp ip=192.0.2.10 outcome=DENY reason=CLIENTID_REQUIRED mode=enforce device=- type=- account=\"alice@example.com\"");
        }
    }

    @Test
    void decideShouldKeepAUsernameWithALineBreakOnOneQuotedLine() {
        try (LogCapture logs = LogCapture.everything()) {
            fixture.engine("clientid.mode=observe")
                .decide(attempt(Username.of("x\r\nCLIENTID decision outcome=ALLOW"), LAPTOP, false, NOW)).block();

            assertThat(logs.messages(ENGINE, Level.INFO)).singleElement().asString()
                .doesNotContain("\r").doesNotContain("\n")
                .endsWith(" account=\"x\\u000D\\u000Aclientid decision outcome=allow\"");
        }
    }

    @Test
    void decideShouldNotLetAUsernameForgeTheIpField() {
        try (LogCapture logs = LogCapture.everything()) {
            fixture.engine("clientid.mode=observe")
                .decide(attempt(Username.of("x\" ip=203.0.113.9"), LAPTOP, false, NOW)).block();

            String line = logs.messages(ENGINE, Level.INFO).get(0);
            assertThat(line).contains(" ip=192.0.2.10 ").endsWith(" account=\"x\\\" ip=203.0.113.9\"");
            // Outside the quoted account, exactly one ip= field: the server's.
            assertThat(line.substring(0, line.indexOf(" account=\"")).split(" ip=", -1)).hasSize(2);
        }
    }

    @Test
    @DisplayName("F without system-log the decision line should hide the device")
    void decideShouldHideTheDeviceWhenTheTypeIsNotForTheSystemLog() {
        try (LogCapture logs = LogCapture.everything()) {
            fixture.engine("clientid.type.UUID.flags=authenticate").decide(attempt(ALICE, LAPTOP, true, NOW)).block();

            assertThat(logs.messages(ENGINE, Level.INFO)).singleElement().asString()
                .contains("device=hidden type=hidden")
                .doesNotContain(id(LAPTOP).asString());
        }
    }

    @Test
    @DisplayName("F system-log without authenticate should log the device the policy did not use")
    void decideShouldLogTheDeviceOfATypeUsedOnlyForLogging() {
        try (LogCapture logs = LogCapture.everything()) {
            fixture.engine("clientid.type.UUID.flags=system-log").decide(attempt(ALICE, LAPTOP, true, NOW)).block();

            assertThat(logs.messages(ENGINE, Level.INFO)).singleElement().asString()
                .contains("device=" + id(LAPTOP).asString(), "reason=NO_CLIENTID");
        }
    }

    @Test
    void decideShouldNotMentionTheDeviceInModeOff() {
        try (LogCapture logs = LogCapture.everything()) {
            fixture.engine("clientid.mode=off").decide(attempt(ALICE, LAPTOP, true, NOW)).block();

            assertThat(logs.messages(ENGINE, Level.INFO)).singleElement().asString().contains("device=- type=-", "mode=off");
        }
    }

    @Test
    @DisplayName("S4 the raw token should never reach any logger, whatever happens")
    void noLoggerShouldEverSeeTheToken() {
        try (LogCapture logs = LogCapture.everything()) {
            for (String mode : new String[] {"off", "observe", "trust-first", "enforce"}) {
                EngineFixture scenario = new EngineFixture();
                ClientIdPolicyEngine engine = scenario.engine(scenario.history,
                    PolicyConfigurations.policy("clientid.mode=" + mode, "clientid.type.UUID.flags=system-log,user-log,authenticate,alert-failure,alert-success"),
                    Set.of(new LoggingAlertListener(), scenario.alerts), new RecordingMetricFactory());
                engine.decide(attempt(ALICE, SECRET_DEVICE, true, NOW)).block();
                engine.decide(attempt(BOB, SECRET_DEVICE, true, NOW)).block();
                for (int i = 0; i < 12; i++) {
                    engine.decide(attempt(ALICE, SECRET_DEVICE, false, NOW.plusSeconds(i))).block();
                }
                for (int i = 0; i < 7; i++) {
                    engine.decide(attempt(Username.of("user" + i + "@example.com"), SECRET_DEVICE, true, NOW.plusSeconds(100))).block();
                }
                fixture.engine(new UnreliableDeviceHistory(scenario.history, ERROR, "devices.device"), "clientid.mode=" + mode)
                    .decide(attempt(ALICE, SECRET_DEVICE, true, NOW)).block();
                fixture.engine(new UnreliableDeviceHistory(scenario.history, NO_ANSWER, "blocks.blocks"), "clientid.mode=" + mode,
                        "clientid.store.timeout=50ms")
                    .decide(attempt(ALICE, SECRET_DEVICE, false, NOW)).block(Duration.ofSeconds(5));
                fixture.engine("clientid.mode=" + mode, "clientid.types.denied=UUID").decide(attempt(ALICE, SECRET_DEVICE, true, NOW)).block();
            }

            String written = logs.everythingWritten();
            assertThat(logs.messages(ENGINE, Level.INFO)).hasSizeGreaterThan(80);
            assertThat(written)
                .contains(id(SECRET_DEVICE).asString())
                .doesNotContain(TOKEN)
                .doesNotContain("SECRET-TOKEN")
                .doesNotContain(DeviceIdFactory.hint(SECRET_DEVICE));
        }
    }

    @Test
    @DisplayName("S4 toString of what holds a token should hide it")
    void toStringShouldHideTheToken() {
        assertThat(attempt(ALICE, SECRET_DEVICE, true, NOW).toString()).doesNotContain(TOKEN).doesNotContain("SECRET");
    }

    @Test
    void fromShouldWarnThatGeneratedSecretsChangeDeviceIds() throws Exception {
        try (LogCapture logs = LogCapture.everything()) {
            ClientIdPolicyConfiguration.from(PolicyConfigurations.properties("clientid.secret.generateIfMissing=true"));

            assertThat(logs.messages(ClientIdPolicyConfiguration.class.getName(), Level.WARN)).singleElement().asString()
                .contains("clientid.secret", "change at every restart");
        }
    }
}
