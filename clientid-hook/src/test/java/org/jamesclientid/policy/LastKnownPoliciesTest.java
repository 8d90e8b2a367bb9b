package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.junit.jupiter.api.Test;

class LastKnownPoliciesTest {
    static final Username ALICE = Username.of("alice@example.com");
    static final AccountPolicy ENFORCE = AccountPolicy.of(ClientIdMode.ENFORCE);

    @Test
    void lastKnownShouldBeEmptyWhenNothingWasLearnt() {
        assertThat(new LastKnownPolicies().lastKnown(ALICE)).isEmpty();
    }

    @Test
    void lastKnownShouldGiveTheOverrideWhenLearnt() {
        LastKnownPolicies policies = new LastKnownPolicies();
        policies.learn(ALICE, Optional.of(ENFORCE));

        assertThat(policies.lastKnown(ALICE)).contains(ENFORCE);
    }

    @Test
    void learningNoOverrideShouldForgetTheOneKnownBefore() {
        LastKnownPolicies policies = new LastKnownPolicies();
        policies.learn(ALICE, Optional.of(ENFORCE));

        policies.learn(ALICE, Optional.empty());

        assertThat(policies.lastKnown(ALICE)).isEmpty();
    }
}
