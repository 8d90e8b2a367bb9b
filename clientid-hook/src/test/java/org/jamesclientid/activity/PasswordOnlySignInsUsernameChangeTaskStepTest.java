package org.jamesclientid.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsernameChangeTaskStep.StepName;
import org.jamesclientid.core.Protocol;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

class PasswordOnlySignInsUsernameChangeTaskStepTest {
    private static final Username OLD = Username.of("alice@example.com");
    private static final Username NEW = Username.of("alice.smith@example.com");
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private final MemoryPasswordOnlySignIns signIns = new MemoryPasswordOnlySignIns(Clock.fixed(NOW, ZoneOffset.UTC));
    private final PasswordOnlySignInsUsernameChangeTaskStep step = new PasswordOnlySignInsUsernameChangeTaskStep(signIns);

    @Test
    void changeUsernameShouldMoveTheSignInsWhenUserRenamed() {
        signIns.record(OLD, Protocol.SMTP, "PLAIN", NOW, Optional.of("192.0.2.10")).block();

        Mono.from(step.changeUsername(OLD, NEW)).block();

        assertThat(signIns.since(OLD, NOW).collectList().block()).isEmpty();
        assertThat(signIns.since(NEW, NOW).collectList().block())
            .containsExactly(PasswordOnlySignIn.of(Protocol.SMTP, "PLAIN", 1, NOW, Optional.of("192.0.2.10")));
    }

    @Test
    void priorityShouldComeAfterJamesOwnStepsAndTheDeviceHistory() {
        assertThat(step.priority()).isGreaterThan(10);
        assertThat(step.name()).isEqualTo(new StepName("ClientIdPasswordOnlySignInsUsernameChangeTaskStep"));
    }
}
