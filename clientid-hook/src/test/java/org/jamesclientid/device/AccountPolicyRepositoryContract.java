package org.jamesclientid.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.Username;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccountPolicyRepository} must do.
 */
public interface AccountPolicyRepositoryContract {
    Username ALICE = Username.of("alice@example.com");
    Username BOB = Username.of("bob@example.com");
    AccountPolicy ENFORCE = AccountPolicy.of(ClientIdMode.ENFORCE, true);
    AccountPolicy OFF = AccountPolicy.of(ClientIdMode.OFF, false);

    AccountPolicyRepository testee();

    @Test
    default void policyShouldBeEmptyWhenNoOverride() {
        assertThat(testee().policy(ALICE).blockOptional()).isEmpty();
    }

    @Test
    default void setPolicyShouldStoreTheOverrideOfThatAccountOnly() {
        AccountPolicyRepository testee = testee();

        testee.setPolicy(ALICE, ENFORCE).block();

        assertThat(testee.policy(ALICE).block()).isEqualTo(ENFORCE);
        assertThat(testee.policy(BOB).blockOptional()).isEmpty();
    }

    @Test
    default void setPolicyShouldStoreAnOverrideWithoutRequireClientId() {
        AccountPolicyRepository testee = testee();
        AccountPolicy modeOnly = AccountPolicy.of(ClientIdMode.TRUST_FIRST);

        testee.setPolicy(ALICE, modeOnly).block();

        assertThat(testee.policy(ALICE).block()).isEqualTo(modeOnly);
    }

    @Test
    default void setPolicyShouldReplaceThePreviousOverride() {
        AccountPolicyRepository testee = testee();
        testee.setPolicy(ALICE, ENFORCE).block();

        testee.setPolicy(ALICE, OFF).block();

        assertThat(testee.policy(ALICE).block()).isEqualTo(OFF);
    }

    @Test
    default void clearPolicyShouldReturnToTheDefault() {
        AccountPolicyRepository testee = testee();
        testee.setPolicy(ALICE, ENFORCE).block();

        testee.clearPolicy(ALICE).block();
        testee.clearPolicy(BOB).block();

        assertThat(testee.policy(ALICE).blockOptional()).isEmpty();
    }

    @Test
    default void renameShouldMoveTheOverride() {
        AccountPolicyRepository testee = testee();
        testee.setPolicy(ALICE, ENFORCE).block();
        testee.setPolicy(BOB, OFF).block();

        testee.rename(ALICE, BOB).block();

        assertThat(testee.policy(ALICE).blockOptional()).isEmpty();
        assertThat(testee.policy(BOB).block()).isEqualTo(ENFORCE);
    }
}
