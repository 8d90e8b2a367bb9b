package org.jamesclientid.policy;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.net.InetAddresses;

/**
 * Networks whose sign-ins need no CLIENTID (a webmail host signing in for its users): CIDR blocks such as
 * {@code 192.0.2.10/32} or {@code 2001:db8::/64}, a plain address meaning that address alone. They are exempt from
 * requiring CLIENTID only, never from blocks, throttles or the device policy of a CLIENTID they do present.
 */
public final class TrustedNetworks {
    private static final class Cidr {
        private final byte[] network;
        private final int prefixLength;

        private Cidr(byte[] network, int prefixLength) {
            this.network = network;
            this.prefixLength = prefixLength;
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xFF << (8 - remainingBits)) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }

        String asString() {
            return InetAddresses.toAddrString(address(network)) + "/" + prefixLength;
        }
    }

    public static final TrustedNetworks NONE = new TrustedNetworks(ImmutableList.of());

    /**
     * @throws IllegalArgumentException naming the value that is not an address or CIDR block
     */
    public static TrustedNetworks parse(List<String> values) {
        return new TrustedNetworks(values.stream().map(TrustedNetworks::cidr).collect(ImmutableList.toImmutableList()));
    }

    private static Cidr cidr(String value) {
        String trimmed = value.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!InetAddresses.isInetAddress(address)) {
            throw new IllegalArgumentException("'" + value + "' is not an IP address or a CIDR block such as 192.0.2.0/24");
        }
        byte[] bytes = InetAddresses.forString(address).getAddress();
        int maximum = bytes.length * 8;
        int prefixLength;
        try {
            prefixLength = slash < 0 ? maximum : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' has no valid prefix length", e);
        }
        if (prefixLength < 0 || prefixLength > maximum) {
            throw new IllegalArgumentException("'" + value + "' has a prefix length outside 0-" + maximum);
        }
        return new Cidr(bytes, prefixLength);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private final ImmutableList<Cidr> networks;

    private TrustedNetworks(ImmutableList<Cidr> networks) {
        this.networks = networks;
    }

    public boolean contains(Optional<String> ip) {
        if (networks.isEmpty() || ip.isEmpty() || !InetAddresses.isInetAddress(ip.get())) {
            return false;
        }
        byte[] address = InetAddresses.forString(ip.get()).getAddress();
        return networks.stream().anyMatch(network -> network.contains(address));
    }

    public List<String> asStrings() {
        return networks.stream().map(Cidr::asString).collect(ImmutableList.toImmutableList());
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof TrustedNetworks) {
            return Objects.equals(asStrings(), ((TrustedNetworks) o).asStrings());
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(asStrings());
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("networks", asStrings()).toString();
    }
}
