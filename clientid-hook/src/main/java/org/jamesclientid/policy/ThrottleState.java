package org.jamesclientid.policy;

/**
 * Which throttles are active for one attempt: on its device and account, on its account, on its address.
 */
final class ThrottleState {
    static final ThrottleState NONE = new ThrottleState(false, false, false);

    static ThrottleState of(boolean deviceOnAccount, boolean account, boolean address) {
        return new ThrottleState(deviceOnAccount, account, address);
    }

    private final boolean deviceOnAccount;
    private final boolean account;
    private final boolean address;

    private ThrottleState(boolean deviceOnAccount, boolean account, boolean address) {
        this.deviceOnAccount = deviceOnAccount;
        this.account = account;
        this.address = address;
    }

    /**
     * A device the account trusts passes the account's and the address's throttles, never its own.
     */
    boolean refuses(boolean trustedDevice) {
        return deviceOnAccount || (!trustedDevice && (account || address));
    }
}
