package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TrustedNetworksTest {
    @Test
    void containsShouldMatchAddressesInsideTheBlock() {
        TrustedNetworks networks = TrustedNetworks.parse(List.of("192.0.2.0/25", "2001:db8:1::/48", "198.51.100.7"));

        assertThat(networks.contains(Optional.of("192.0.2.127"))).isTrue();
        assertThat(networks.contains(Optional.of("192.0.2.128"))).isFalse();
        assertThat(networks.contains(Optional.of("2001:db8:1:ffff::1"))).isTrue();
        assertThat(networks.contains(Optional.of("2001:db8:2::1"))).isFalse();
        assertThat(networks.contains(Optional.of("198.51.100.7"))).isTrue();
        assertThat(networks.contains(Optional.of("198.51.100.8"))).isFalse();
    }

    @Test
    void containsShouldBeFalseWithoutAnAddress() {
        assertThat(TrustedNetworks.parse(List.of("0.0.0.0/0")).contains(Optional.empty())).isFalse();
        assertThat(TrustedNetworks.parse(List.of("0.0.0.0/0")).contains(Optional.of("not-an-ip"))).isFalse();
    }

    @Test
    void containsShouldNotMatchAnotherFamily() {
        assertThat(TrustedNetworks.parse(List.of("0.0.0.0/0")).contains(Optional.of("2001:db8::1"))).isFalse();
    }

    @Test
    void parseShouldNameTheValueWhenNotAnAddress() {
        assertThatThrownBy(() -> TrustedNetworks.parse(List.of("webmail.example.com")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webmail.example.com");
        assertThatThrownBy(() -> TrustedNetworks.parse(List.of("192.0.2.0/33")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("192.0.2.0/33");
        assertThatThrownBy(() -> TrustedNetworks.parse(List.of("192.0.2.0/x")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("192.0.2.0/x");
    }

    @Test
    void configurationShouldRefuseABadNetworkNamingTheKey() {
        assertThatThrownBy(() -> PolicyConfigurations.policy("clientid.requireClientId.exemptNetworks=192.0.2.0/24,webmail"))
            .hasMessageContaining("clientid.requireClientId.exemptNetworks")
            .hasMessageContaining("webmail");
    }
}
