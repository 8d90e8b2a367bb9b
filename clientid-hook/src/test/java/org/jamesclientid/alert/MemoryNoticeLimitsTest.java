package org.jamesclientid.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.Username;
import org.jamesclientid.policy.Alert;
import org.junit.jupiter.api.Test;

class MemoryNoticeLimitsTest implements NoticeLimitsContract {
    private final MemoryNoticeLimits limits = new MemoryNoticeLimits(CONFIGURATION);

    @Override
    public NoticeLimits noticeLimits() {
        return limits;
    }

    @Test
    void admitShouldKeepABoundedNumberOfEntriesWhenManyAccountsAndDevices() {
        for (int i = 0; i < MemoryNoticeLimits.MAX_ENTRIES + 5_000; i++) {
            limits.admit(Username.of("user" + i + "@example.com"), LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW).block();
        }

        assertThat(limits.retainedEntries()).isLessThanOrEqualTo(2 * MemoryNoticeLimits.MAX_ENTRIES);
    }
}
