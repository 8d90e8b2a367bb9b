package org.jamesclientid.limit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;
import com.google.common.net.InetAddresses;

/**
 * What a failure counter or a throttle is about: a device on one account, an account, or a remote address (an IPv4
 * address, or the /64 of an IPv6 one, since one IPv6 host or household holds a whole /64).
 *
 * <p>Each key has an owner, its partition in a store: the account for the first two scopes (so that an account's
 * throttles are read together), the address for the third. {@link #asString()} names the key within its owner.</p>
 */
public final class LimitKey {
    public enum Scope {
        DEVICE_ON_ACCOUNT,
        ACCOUNT,
        ADDRESS,
        /** A device on every account: counts failures only, a device is blocked rather than throttled. */
        DEVICE
    }

    private static final String ACCOUNT_OWNER = "account:";
    private static final String ADDRESS_OWNER = "address:";
    private static final String DEVICE_OWNER = "device:";
    private static final String ALL_ACCOUNTS_KEY = "all-accounts";
    private static final String DEVICE_KEY = "device:";
    private static final String ACCOUNT_KEY = "account";
    private static final String ADDRESS_KEY = "address";
    private static final int IPV6_PREFIX_BYTES = 8;

    public static LimitKey deviceOnAccount(DeviceId deviceId, Username username) {
        Preconditions.checkNotNull(deviceId, "'deviceId' is mandatory");
        Preconditions.checkNotNull(username, "'username' is mandatory");
        return new LimitKey(Scope.DEVICE_ON_ACCOUNT, ACCOUNT_OWNER + username.asString(), DEVICE_KEY + deviceId.asString());
    }

    public static LimitKey account(Username username) {
        Preconditions.checkNotNull(username, "'username' is mandatory");
        return new LimitKey(Scope.ACCOUNT, ACCOUNT_OWNER + username.asString(), ACCOUNT_KEY);
    }

    /**
     * The device on every account: its own partition, so that a device failing on many accounts is counted in one place.
     */
    public static LimitKey device(DeviceId deviceId) {
        Preconditions.checkNotNull(deviceId, "'deviceId' is mandatory");
        return new LimitKey(Scope.DEVICE, DEVICE_OWNER + deviceId.asString(), ALL_ACCOUNTS_KEY);
    }

    /**
     * @param ip an IPv4 or IPv6 literal, as the server saw the connection
     */
    public static LimitKey address(String ip) {
        return new LimitKey(Scope.ADDRESS, ADDRESS_OWNER + addressPrefix(ip), ADDRESS_KEY);
    }

    /**
     * The key {@link #owner()} and {@link #asString()} name, as read back from a store.
     */
    public static LimitKey parse(String owner, String key) {
        if (owner.startsWith(ADDRESS_OWNER) && key.equals(ADDRESS_KEY)) {
            return new LimitKey(Scope.ADDRESS, owner, key);
        }
        if (owner.startsWith(DEVICE_OWNER) && key.equals(ALL_ACCOUNTS_KEY)) {
            return new LimitKey(Scope.DEVICE, owner, key);
        }
        Preconditions.checkArgument(owner.startsWith(ACCOUNT_OWNER), "Not a limit key owner: %s", owner);
        if (key.equals(ACCOUNT_KEY)) {
            return new LimitKey(Scope.ACCOUNT, owner, key);
        }
        Preconditions.checkArgument(key.startsWith(DEVICE_KEY), "Not a limit key: %s", key);
        return new LimitKey(Scope.DEVICE_ON_ACCOUNT, owner, key);
    }

    /**
     * The account's partition: its own key and those of its devices.
     */
    public static String accountOwner(Username username) {
        return ACCOUNT_OWNER + username.asString();
    }

    /**
     * An IPv4 address as it is, the first 64 bits of an IPv6 one ({@code 2001:db8:1:2::/64}).
     */
    public static String addressPrefix(String ip) {
        InetAddress address = InetAddresses.forString(ip);
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return InetAddresses.toAddrString(address);
        }
        byte[] prefix = Arrays.copyOf(Arrays.copyOf(bytes, IPV6_PREFIX_BYTES), bytes.length);
        try {
            // From raw bytes: no name lookup.
            return InetAddresses.toAddrString(InetAddress.getByAddress(prefix)) + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an address: " + ip, e);
        }
    }

    private final Scope scope;
    private final String owner;
    private final String key;

    private LimitKey(Scope scope, String owner, String key) {
        this.scope = scope;
        this.owner = owner;
        this.key = key;
    }

    public Scope scope() {
        return scope;
    }

    public String owner() {
        return owner;
    }

    public String asString() {
        return key;
    }

    /**
     * The account (first two scopes) or the address prefix (the third), without the owner's prefix.
     */
    public String subject() {
        return owner.substring(owner.indexOf(':') + 1);
    }

    public Optional<DeviceId> deviceId() {
        if (scope == Scope.DEVICE_ON_ACCOUNT) {
            return Optional.of(DeviceId.of(key.substring(DEVICE_KEY.length())));
        }
        if (scope == Scope.DEVICE) {
            return Optional.of(DeviceId.of(owner.substring(DEVICE_OWNER.length())));
        }
        return Optional.empty();
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof LimitKey) {
            LimitKey that = (LimitKey) o;
            return this.scope == that.scope
                && Objects.equals(this.owner, that.owner)
                && Objects.equals(this.key, that.key);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(scope, owner, key);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("scope", scope)
            .add("owner", owner)
            .add("key", key)
            .toString();
    }
}
