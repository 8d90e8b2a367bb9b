package org.jamesclientid.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;
import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

class LimitKeyTest {
    private static final Username ALICE = Username.of("alice@example.com");
    private static final DeviceId DEVICE = DeviceId.of("0123456789abcdef01234567");

    @Test
    void shouldRespectBeanContract() {
        EqualsVerifier.forClass(LimitKey.class).verify();
        EqualsVerifier.forClass(Throttle.class).verify();
    }

    @Test
    void addressShouldGroupTheAddressesOfOneSlash64() {
        assertThat(LimitKey.address("2001:db8:1:2::9")).isEqualTo(LimitKey.address("2001:db8:1:2:ffff::1"));
        assertThat(LimitKey.address("2001:db8:1:3::9")).isNotEqualTo(LimitKey.address("2001:db8:1:2::9"));
    }

    @Test
    void anAddressShouldNeverShareAnOwnerWithAnAccount() {
        assertThat(LimitKey.address("192.0.2.10").owner()).isNotEqualTo(LimitKey.account(Username.of("192.0.2.10")).owner());
    }

    @Test
    void parseShouldGiveBackEveryScopeFromItsOwnerAndKey() {
        for (LimitKey key : new LimitKey[] {LimitKey.deviceOnAccount(DEVICE, ALICE), LimitKey.account(ALICE),
                LimitKey.address("192.0.2.1"), LimitKey.address("2001:db8:1:2::1")}) {
            assertThat(LimitKey.parse(key.owner(), key.asString())).isEqualTo(key);
        }
    }

    @Test
    void accountKeysShouldShareTheAccountsOwner() {
        assertThat(LimitKey.deviceOnAccount(DEVICE, ALICE).owner())
            .isEqualTo(LimitKey.account(ALICE).owner())
            .isEqualTo(LimitKey.accountOwner(ALICE));
    }

    @Test
    void subjectShouldBeTheAccountOrTheAddress() {
        assertThat(LimitKey.deviceOnAccount(DEVICE, ALICE).subject()).isEqualTo("alice@example.com");
        assertThat(LimitKey.address("2001:db8:1:2:3:4:5:6").subject()).isEqualTo("2001:db8:1:2::/64");
    }

    @Test
    void deviceIdShouldBeSetForADeviceOnAnAccountOnly() {
        assertThat(LimitKey.deviceOnAccount(DEVICE, ALICE).deviceId()).contains(DEVICE);
        assertThat(LimitKey.account(ALICE).deviceId()).isEmpty();
        assertThat(LimitKey.address("192.0.2.1").deviceId()).isEmpty();
    }

    @Test
    void addressPrefixShouldKeepAnIpv4Address() {
        assertThat(LimitKey.addressPrefix("192.0.2.1")).isEqualTo("192.0.2.1");
    }

    @Test
    void addressPrefixShouldTreatAnIpv4MappedIpv6AddressAsTheIpv4One() {
        assertThat(LimitKey.addressPrefix("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
    }

    @Test
    void addressPrefixShouldKeepTheFirst64BitsOfAnIpv6Address() {
        assertThat(LimitKey.addressPrefix("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff")).isEqualTo("2001:db8:1:2::/64");
    }

    @Test
    void addressPrefixShouldIgnoreTheScopeOfALinkLocalAddress() {
        // Java's getHostAddress() writes the scope of a link-local address as the server saw the connection.
        assertThat(LimitKey.addressPrefix("fe80::1%1")).isEqualTo("fe80::/64");
    }

    @Test
    void addressPrefixShouldRejectAHostName() {
        assertThatThrownBy(() -> LimitKey.addressPrefix("mail.example.com")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseShouldRejectAnUnknownOwner() {
        assertThatThrownBy(() -> LimitKey.parse("device:0123", "account")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseShouldRejectAnUnknownKeyOfAnAccount() {
        assertThatThrownBy(() -> LimitKey.parse("account:alice@example.com", "address")).isInstanceOf(IllegalArgumentException.class);
    }
}
