package org.jamesclientid.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;
import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

class LimitKeyTest {
    static final Username ALICE = Username.of("alice@example.com");
    static final DeviceId DEVICE = DeviceId.of("0123456789abcdef01234567");

    @Test
    void shouldRespectBeanContract() {
        EqualsVerifier.forClass(LimitKey.class).verify();
        EqualsVerifier.forClass(Throttle.class).verify();
    }

    @Test
    void addressPrefixShouldKeepAnIpv4AddressWhole() {
        assertThat(LimitKey.addressPrefix("192.0.2.10")).isEqualTo("192.0.2.10");
    }

    @Test
    void addressPrefixShouldGroupAnIpv6AddressByItsSlash64() {
        assertThat(LimitKey.addressPrefix("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2::/64");
        assertThat(LimitKey.address("2001:db8:1:2::9")).isEqualTo(LimitKey.address("2001:db8:1:2:ffff::1"));
        assertThat(LimitKey.address("2001:db8:1:3::9")).isNotEqualTo(LimitKey.address("2001:db8:1:2::9"));
    }

    @Test
    void parseShouldReadBackEveryScope() {
        for (LimitKey key : new LimitKey[] {LimitKey.deviceOnAccount(DEVICE, ALICE), LimitKey.account(ALICE), LimitKey.address("192.0.2.10")}) {
            assertThat(LimitKey.parse(key.owner(), key.asString())).isEqualTo(key);
        }
    }

    @Test
    void keysOfOneAccountShouldShareTheirOwner() {
        assertThat(LimitKey.deviceOnAccount(DEVICE, ALICE).owner()).isEqualTo(LimitKey.account(ALICE).owner())
            .isEqualTo(LimitKey.accountOwner(ALICE));
        assertThat(LimitKey.deviceOnAccount(DEVICE, ALICE).deviceId()).contains(DEVICE);
        assertThat(LimitKey.account(ALICE).subject()).isEqualTo("alice@example.com");
    }

    @Test
    void anAddressShouldNeverShareAnOwnerWithAnAccount() {
        assertThat(LimitKey.address("192.0.2.10").owner()).isNotEqualTo(LimitKey.account(Username.of("192.0.2.10")).owner());
    }
}
