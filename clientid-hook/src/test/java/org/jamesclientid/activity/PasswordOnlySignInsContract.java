package org.jamesclientid.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.core.Protocol;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * What every {@link PasswordOnlySignIns} store must do. Uses fixed instants only, all within the retention of a store
 * from the time of the write (stores count it from the wall clock, not from the instants given).
 */
public interface PasswordOnlySignInsContract {
    Username ALICE = Username.of("alice@example.com");
    Username BOB = Username.of("bob@example.com");
    String PLAIN = "PLAIN";
    String LOGIN = "LOGIN";
    Optional<String> WEBMAIL = Optional.of("192.0.2.10");
    Optional<String> LAPTOP = Optional.of("2001:db8::7");
    Instant DAY_1 = Instant.parse("2024-03-01T00:00:00Z");
    Instant DAY_1_MORNING = DAY_1.plus(Duration.ofHours(8));
    Instant DAY_1_EVENING = DAY_1.plus(Duration.ofHours(20));
    Instant DAY_2 = DAY_1.plus(Duration.ofDays(1));
    Instant DAY_2_NOON = DAY_2.plus(Duration.ofHours(12));
    Instant DAY_3_NOON = DAY_2_NOON.plus(Duration.ofDays(1));

    PasswordOnlySignIns passwordOnlySignIns();

    default void record(Username username, String mechanism, Instant at, Optional<String> ip) {
        passwordOnlySignIns().record(username, Protocol.SMTP, mechanism, at, ip).block();
    }

    @Test
    default void sinceShouldBeEmptyWhenNothingRecorded() {
        assertThat(passwordOnlySignIns().since(ALICE, DAY_1).collectList().block()).isEmpty();
    }

    @Test
    default void sinceShouldReturnASignInWithEveryField() {
        record(ALICE, PLAIN, DAY_1_MORNING, WEBMAIL);

        assertThat(passwordOnlySignIns().since(ALICE, DAY_1).collectList().block())
            .containsExactly(PasswordOnlySignIn.of(Protocol.SMTP, PLAIN, 1, DAY_1_MORNING, WEBMAIL));
    }

    @Test
    default void sinceShouldReturnASignInWithoutAddress() {
        record(ALICE, PLAIN, DAY_1_MORNING, Optional.empty());

        assertThat(passwordOnlySignIns().since(ALICE, DAY_1).collectList().block())
            .containsExactly(PasswordOnlySignIn.of(Protocol.SMTP, PLAIN, 1, DAY_1_MORNING, Optional.empty()));
    }

    @Test
    default void sinceShouldCountSignInsOfOneMechanismWithTheLastTimeAndAddress() {
        record(ALICE, PLAIN, DAY_1_MORNING, LAPTOP);
        record(ALICE, PLAIN, DAY_1_EVENING, WEBMAIL);
        record(ALICE, PLAIN, DAY_2_NOON, LAPTOP);

        assertThat(passwordOnlySignIns().since(ALICE, DAY_1).collectList().block())
            .containsExactly(PasswordOnlySignIn.of(Protocol.SMTP, PLAIN, 3, DAY_2_NOON, LAPTOP));
    }

    @Test
    default void sinceShouldKeepTheLatestSignInWhenRecordedOutOfOrder() {
        record(ALICE, PLAIN, DAY_1_EVENING, WEBMAIL);
        record(ALICE, PLAIN, DAY_1_MORNING, LAPTOP);

        assertThat(passwordOnlySignIns().since(ALICE, DAY_1).collectList().block())
            .containsExactly(PasswordOnlySignIn.of(Protocol.SMTP, PLAIN, 2, DAY_1_EVENING, WEBMAIL));
    }

    @Test
    default void sinceShouldGroupPerProtocolAndMechanism() {
        record(ALICE, PLAIN, DAY_1_MORNING, WEBMAIL);
        record(ALICE, PLAIN, DAY_2_NOON, WEBMAIL);
        record(ALICE, LOGIN, DAY_1_EVENING, LAPTOP);
        passwordOnlySignIns().record(ALICE, Protocol.IMAP, PLAIN, DAY_2_NOON, LAPTOP).block();

        assertThat(passwordOnlySignIns().since(ALICE, DAY_1).collectList().block())
            .containsExactlyInAnyOrder(
                PasswordOnlySignIn.of(Protocol.SMTP, PLAIN, 2, DAY_2_NOON, WEBMAIL),
                PasswordOnlySignIn.of(Protocol.SMTP, LOGIN, 1, DAY_1_EVENING, LAPTOP),
                PasswordOnlySignIn.of(Protocol.IMAP, PLAIN, 1, DAY_2_NOON, LAPTOP));
    }

    @Test
    default void sinceShouldKeepAccountsApart() {
        record(ALICE, PLAIN, DAY_1_MORNING, WEBMAIL);
        record(BOB, PLAIN, DAY_1_EVENING, LAPTOP);

        assertThat(passwordOnlySignIns().since(BOB, DAY_1).collectList().block())
            .containsExactly(PasswordOnlySignIn.of(Protocol.SMTP, PLAIN, 1, DAY_1_EVENING, LAPTOP));
    }

    @Test
    default void sinceShouldLeaveOutTheDaysBeforeTheDayOfSince() {
        record(ALICE, PLAIN, DAY_1_EVENING, WEBMAIL);
        record(ALICE, PLAIN, DAY_2_NOON, LAPTOP);
        record(ALICE, LOGIN, DAY_1_MORNING, LAPTOP);

        assertThat(passwordOnlySignIns().since(ALICE, DAY_2).collectList().block())
            .containsExactly(PasswordOnlySignIn.of(Protocol.SMTP, PLAIN, 1, DAY_2_NOON, LAPTOP));
    }

    @Test
    default void sinceShouldIncludeTheWholeDayOfSince() {
        // Counted per UTC day: a sign-in earlier on the day of 'since' is in.
        record(ALICE, PLAIN, DAY_2.plusSeconds(1), WEBMAIL);
        record(ALICE, PLAIN, DAY_2.minusMillis(1), LAPTOP);

        assertThat(passwordOnlySignIns().since(ALICE, DAY_2_NOON).collectList().block())
            .containsExactly(PasswordOnlySignIn.of(Protocol.SMTP, PLAIN, 1, DAY_2.plusSeconds(1), WEBMAIL));
    }

    @Test
    default void sinceShouldBeEmptyWhenEverySignInIsOnEarlierDays() {
        record(ALICE, PLAIN, DAY_1_EVENING, WEBMAIL);

        assertThat(passwordOnlySignIns().since(ALICE, DAY_3_NOON).collectList().block()).isEmpty();
    }

    @Test
    default void recordShouldCountConcurrentSignInsOfDifferentMechanisms() {
        Flux.just(PLAIN, LOGIN, "XOAUTH2", "OAUTHBEARER")
            .flatMap(mechanism -> passwordOnlySignIns().record(ALICE, Protocol.SMTP, mechanism, DAY_1_MORNING, WEBMAIL)
                .subscribeOn(Schedulers.parallel()))
            .then()
            .block();

        assertThat(passwordOnlySignIns().since(ALICE, DAY_1).collectList().block()).hasSize(4)
            .allMatch(signIn -> signIn.getCount() == 1);
    }

    @Test
    default void deleteAllShouldForgetTheAccountOnly() {
        record(ALICE, PLAIN, DAY_1_MORNING, WEBMAIL);
        record(ALICE, LOGIN, DAY_2_NOON, WEBMAIL);
        record(BOB, PLAIN, DAY_1_EVENING, LAPTOP);

        passwordOnlySignIns().deleteAll(ALICE).block();

        assertThat(passwordOnlySignIns().since(ALICE, DAY_1).collectList().block()).isEmpty();
        assertThat(passwordOnlySignIns().since(BOB, DAY_1).collectList().block())
            .containsExactly(PasswordOnlySignIn.of(Protocol.SMTP, PLAIN, 1, DAY_1_EVENING, LAPTOP));
    }

    @Test
    default void recordShouldCountFromOneWhenDeletedBefore() {
        record(ALICE, PLAIN, DAY_1_MORNING, WEBMAIL);
        passwordOnlySignIns().deleteAll(ALICE).block();

        record(ALICE, PLAIN, DAY_1_EVENING, LAPTOP);

        assertThat(passwordOnlySignIns().since(ALICE, DAY_1).collectList().block())
            .containsExactly(PasswordOnlySignIn.of(Protocol.SMTP, PLAIN, 1, DAY_1_EVENING, LAPTOP));
    }

    @Test
    default void renameShouldMoveEverySignInToTheNewName() {
        record(ALICE, PLAIN, DAY_1_MORNING, WEBMAIL);
        record(ALICE, PLAIN, DAY_2_NOON, LAPTOP);
        record(ALICE, LOGIN, DAY_1_EVENING, LAPTOP);

        passwordOnlySignIns().rename(ALICE, BOB).block();

        assertThat(passwordOnlySignIns().since(ALICE, DAY_1).collectList().block()).isEmpty();
        assertThat(passwordOnlySignIns().since(BOB, DAY_1).collectList().block())
            .containsExactlyInAnyOrder(
                PasswordOnlySignIn.of(Protocol.SMTP, PLAIN, 2, DAY_2_NOON, LAPTOP),
                PasswordOnlySignIn.of(Protocol.SMTP, LOGIN, 1, DAY_1_EVENING, LAPTOP));
    }

    @Test
    default void renameShouldAddToTheSignInsTheNewNameHas() {
        record(ALICE, PLAIN, DAY_1_MORNING, WEBMAIL);
        record(BOB, PLAIN, DAY_1_EVENING, LAPTOP);
        record(BOB, LOGIN, DAY_2_NOON, LAPTOP);

        passwordOnlySignIns().rename(ALICE, BOB).block();

        assertThat(passwordOnlySignIns().since(BOB, DAY_1).collectList().block())
            .containsExactlyInAnyOrder(
                PasswordOnlySignIn.of(Protocol.SMTP, PLAIN, 2, DAY_1_EVENING, LAPTOP),
                PasswordOnlySignIn.of(Protocol.SMTP, LOGIN, 1, DAY_2_NOON, LAPTOP));
    }

    @Test
    default void renameShouldKeepTheSignInsWhenSameName() {
        record(ALICE, PLAIN, DAY_1_MORNING, WEBMAIL);

        passwordOnlySignIns().rename(ALICE, ALICE).block();

        assertThat(passwordOnlySignIns().since(ALICE, DAY_1).collectList().block())
            .containsExactly(PasswordOnlySignIn.of(Protocol.SMTP, PLAIN, 1, DAY_1_MORNING, WEBMAIL));
    }

    @Test
    default void renameShouldNotFailWhenNothingRecorded() {
        assertThatCode(() -> passwordOnlySignIns().rename(ALICE, BOB).block()).doesNotThrowAnyException();
        assertThat(passwordOnlySignIns().since(BOB, DAY_1).collectList().block()).isEmpty();
    }

    @Test
    default void deleteAllShouldNotFailWhenNothingRecorded() {
        assertThatCode(() -> passwordOnlySignIns().deleteAll(ALICE).block()).doesNotThrowAnyException();
    }
}
