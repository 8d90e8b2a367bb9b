package org.jamesclientid.policy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.core.Protocol;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.device.PendingDeviceLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.io.BaseEncoding;

/**
 * The AUTH-time policy settings, read once from {@code clientid.properties} (docs/configuration-policy.md). Every
 * invalid value fails the start with a {@link ConfigurationException} naming the key and the value (for the secret,
 * its length only).
 *
 * <table>
 *     <caption>Keys</caption>
 *     <tr><th>Key</th><th>Default</th><th>Meaning</th></tr>
 *     <tr><td>clientid.secret</td><td>required</td><td>HMAC-SHA256 key of device ids, at least 32 characters,
 *         no ','; the same on every node</td></tr>
 *     <tr><td>clientid.secret.previous</td><td>(none)</td><td>the secret being replaced, during a rotation only:
 *         a device unknown under the secret but known under this one is moved to its new id at its next sign-in;
 *         same rules as the secret, and different from it</td></tr>
 *     <tr><td>clientid.secret.generateIfMissing</td><td>false</td><td>without a secret, generate a random one
 *         (demo only: device ids change at every restart)</td></tr>
 *     <tr><td>clientid.mode</td><td>observe</td><td>off, observe, trust-first or enforce</td></tr>
 *     <tr><td>clientid.requireClientId</td><td>true</td><td>deny AUTH without CLIENTID (trust-first, enforce); false is
 *         an explicit exemption</td></tr>
 *     <tr><td>clientid.requireClientId.smtp, .imap</td><td>clientid.requireClientId</td><td>the same, per protocol</td></tr>
 *     <tr><td>clientid.requireClientId.exemptNetworks</td><td>(empty)</td><td>addresses and CIDR blocks (a webmail host)
 *         exempt from requiring CLIENTID, never from blocks and throttles</td></tr>
 *     <tr><td>clientid.rejection.stage</td><td>auth</td><td>auth (535 at AUTH) or mail (550 at MAIL FROM)</td></tr>
 *     <tr><td>clientid.failures.limit</td><td>10</td><td>failed AUTHs of a device on one account within the window
 *         that throttle the device on that account</td></tr>
 *     <tr><td>clientid.failures.window</td><td>15m</td><td>sliding window of failures</td></tr>
 *     <tr><td>clientid.failures.blockDuration</td><td>15m</td><td>how long such a throttle lasts</td></tr>
 *     <tr><td>clientid.failures.allAccounts.limit, .window, .blockDuration</td><td>30, 15m, 15m</td><td>failed AUTHs of a
 *         device whatever the account: block it on every account</td></tr>
 *     <tr><td>clientid.failures.account.limit, .window, .blockDuration</td><td>30, 15m, 15m</td><td>failed AUTHs on one
 *         account from what it does not trust: throttle those on the account</td></tr>
 *     <tr><td>clientid.failures.address.limit, .window, .blockDuration</td><td>30, 15m, 15m</td><td>the same per remote
 *         address (IPv6: per /64)</td></tr>
 *     <tr><td>clientid.connection.maxFailedAuth</td><td>3</td><td>failed AUTHs after which the server ends the
 *         connection</td></tr>
 *     <tr><td>clientid.sharedDevice.maxAccounts</td><td>5</td><td>more distinct accounts than this within the window
 *         block the device</td></tr>
 *     <tr><td>clientid.sharedDevice.window</td><td>1h</td><td>sliding window of accounts</td></tr>
 *     <tr><td>clientid.sharedDevice.blockDuration</td><td>1h</td><td>how long such a block lasts</td></tr>
 *     <tr><td>clientid.types.allowed</td><td>(empty: any)</td><td>comma list of the only types accepted</td></tr>
 *     <tr><td>clientid.types.denied</td><td>(empty)</td><td>comma list of types refused</td></tr>
 *     <tr><td>clientid.type.default.flags</td><td>system-log,user-log,authenticate</td><td>flags of types without their own</td></tr>
 *     <tr><td>clientid.type.&lt;TYPE&gt;.flags</td><td>the default flags</td><td>flags of one type, see {@link TypeFlag}</td></tr>
 *     <tr><td>clientid.alerts.newDevice</td><td>true</td><td>alert when an account gets a new device</td></tr>
 *     <tr><td>clientid.store.timeout</td><td>2s</td><td>longest wait for the device store at AUTH</td></tr>
 *     <tr><td>clientid.pending.lifetime</td><td>30d</td><td>how long a pending device not approved is kept</td></tr>
 *     <tr><td>clientid.pending.perAccount</td><td>20</td><td>pending devices an account keeps (the oldest go)</td></tr>
 * </table>
 * Durations use James' syntax: {@code 30s}, {@code 15m}, {@code 1h}, {@code 2d}; a plain number is seconds.
 */
public final class ClientIdPolicyConfiguration {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdPolicyConfiguration.class);

    public static final String SECRET = "clientid.secret";
    public static final String PREVIOUS_SECRET = "clientid.secret.previous";
    public static final String GENERATE_SECRET = "clientid.secret.generateIfMissing";
    public static final String MODE = "clientid.mode";
    public static final String REQUIRE_CLIENTID = "clientid.requireClientId";
    public static final String REQUIRE_CLIENTID_EXEMPT_NETWORKS = "clientid.requireClientId.exemptNetworks";
    public static final String ALL_ACCOUNTS_FAILURES = "clientid.failures.allAccounts";
    public static final String ACCOUNT_FAILURES = "clientid.failures.account";
    public static final String ADDRESS_FAILURES = "clientid.failures.address";
    public static final String MAX_FAILED_AUTH_PER_CONNECTION = "clientid.connection.maxFailedAuth";
    public static final String REJECTION_STAGE = "clientid.rejection.stage";
    public static final String FAILURES_LIMIT = "clientid.failures.limit";
    public static final String FAILURES_WINDOW = "clientid.failures.window";
    public static final String FAILURES_BLOCK_DURATION = "clientid.failures.blockDuration";
    public static final String SHARED_MAX_ACCOUNTS = "clientid.sharedDevice.maxAccounts";
    public static final String SHARED_WINDOW = "clientid.sharedDevice.window";
    public static final String SHARED_BLOCK_DURATION = "clientid.sharedDevice.blockDuration";
    public static final String ALERT_NEW_DEVICE = "clientid.alerts.newDevice";
    public static final String STORE_TIMEOUT = "clientid.store.timeout";
    public static final String PENDING_LIFETIME = "clientid.pending.lifetime";
    public static final String PENDING_PER_ACCOUNT = "clientid.pending.perAccount";

    private static final int GENERATED_SECRET_BYTES = 32;

    public static ClientIdPolicyConfiguration from(Configuration configuration) throws ConfigurationException {
        PolicyConfigurationReader reader = new PolicyConfigurationReader(configuration);
        boolean requireClientId = reader.bool(REQUIRE_CLIENTID, true);
        ImmutableMap.Builder<Protocol, Boolean> requireByProtocol = ImmutableMap.builder();
        for (Protocol protocol : Protocol.values()) {
            requireByProtocol.put(protocol, reader.bool(REQUIRE_CLIENTID + "." + protocol.asString(), requireClientId));
        }
        String secret = secret(configuration, reader);
        return new ClientIdPolicyConfiguration(
            secret,
            previousSecret(configuration, secret),
            reader.parse(MODE, ClientIdMode.OBSERVE, "one of " + ClientIdMode.ALLOWED_VALUES, ClientIdMode::parse),
            requireByProtocol.build(),
            networks(reader),
            reader.parse(REJECTION_STAGE, RejectionStage.AUTH, "one of " + RejectionStage.ALLOWED_VALUES, RejectionStage::parse),
            DeviceLimit.of(reader.positiveInt(FAILURES_LIMIT, 10),
                reader.positiveDuration(FAILURES_WINDOW, Duration.ofMinutes(15)),
                reader.positiveDuration(FAILURES_BLOCK_DURATION, Duration.ofMinutes(15))),
            limit(reader, ALL_ACCOUNTS_FAILURES, 30, Duration.ofMinutes(15)),
            limit(reader, ACCOUNT_FAILURES, 30, Duration.ofMinutes(15)),
            limit(reader, ADDRESS_FAILURES, 30, Duration.ofMinutes(15)),
            reader.positiveInt(MAX_FAILED_AUTH_PER_CONNECTION, 3),
            DeviceLimit.of(reader.positiveInt(SHARED_MAX_ACCOUNTS, 5),
                reader.positiveDuration(SHARED_WINDOW, Duration.ofHours(1)),
                reader.positiveDuration(SHARED_BLOCK_DURATION, Duration.ofHours(1))),
            TypeRules.from(configuration, reader),
            reader.bool(ALERT_NEW_DEVICE, true),
            reader.positiveDuration(STORE_TIMEOUT, Duration.ofSeconds(2)),
            PendingDeviceLimits.of(reader.positiveDuration(PENDING_LIFETIME, PendingDeviceLimits.DEFAULT_LIFETIME),
                reader.positiveInt(PENDING_PER_ACCOUNT, PendingDeviceLimits.DEFAULT_PER_ACCOUNT)));
    }

    private static DeviceLimit limit(PolicyConfigurationReader reader, String prefix, int threshold, Duration window)
            throws ConfigurationException {
        return DeviceLimit.of(reader.positiveInt(prefix + ".limit", threshold),
            reader.positiveDuration(prefix + ".window", window),
            reader.positiveDuration(prefix + ".blockDuration", window));
    }

    private static TrustedNetworks networks(PolicyConfigurationReader reader) throws ConfigurationException {
        ImmutableList<String> values = reader.list(REQUIRE_CLIENTID_EXEMPT_NETWORKS);
        try {
            return TrustedNetworks.parse(values);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(REQUIRE_CLIENTID_EXEMPT_NETWORKS + ": " + e.getMessage(), e);
        }
    }

    private static String secret(Configuration configuration, PolicyConfigurationReader reader) throws ConfigurationException {
        boolean generateIfMissing = reader.bool(GENERATE_SECRET, false);
        String[] values = configuration.getStringArray(SECRET);
        String secret = String.join(",", values).trim();
        if (values.length > 1 || secret.contains(",")) {
            throw new ConfigurationException(SECRET + " must not contain ',' (James splits values on it)");
        }
        if (secret.isEmpty()) {
            if (generateIfMissing) {
                return generatedSecret();
            }
            throw new ConfigurationException(SECRET + " is required: at least " + DeviceIdFactory.MINIMUM_SECRET_LENGTH
                + " characters, the same on every node (e.g. `openssl rand -base64 48`); " + GENERATE_SECRET + "=true generates one for a demo");
        }
        if (secret.length() < DeviceIdFactory.MINIMUM_SECRET_LENGTH) {
            throw new ConfigurationException(SECRET + " must be at least " + DeviceIdFactory.MINIMUM_SECRET_LENGTH
                + " characters, got " + secret.length());
        }
        return secret;
    }

    private static Optional<String> previousSecret(Configuration configuration, String secret) throws ConfigurationException {
        String[] values = configuration.getStringArray(PREVIOUS_SECRET);
        String previous = String.join(",", values).trim();
        if (values.length > 1 || previous.contains(",")) {
            throw new ConfigurationException(PREVIOUS_SECRET + " must not contain ',' (James splits values on it)");
        }
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        if (previous.length() < DeviceIdFactory.MINIMUM_SECRET_LENGTH) {
            throw new ConfigurationException(PREVIOUS_SECRET + " must be at least " + DeviceIdFactory.MINIMUM_SECRET_LENGTH
                + " characters, got " + previous.length());
        }
        if (previous.equals(secret)) {
            throw new ConfigurationException(PREVIOUS_SECRET + " must differ from " + SECRET
                + ": it is the secret being replaced; remove it once the rotation is over");
        }
        return Optional.of(previous);
    }

    private static String generatedSecret() {
        LOGGER.warn("{} is not set: using a random secret. Device ids will change at every restart and differ between nodes; "
                + "set {} (at least {} characters, e.g. `openssl rand -base64 48`) outside of a demo",
            SECRET, SECRET, DeviceIdFactory.MINIMUM_SECRET_LENGTH);
        byte[] random = new byte[GENERATED_SECRET_BYTES];
        new SecureRandom().nextBytes(random);
        return BaseEncoding.base16().lowerCase().encode(random);
    }

    private final String secret;
    private final Optional<String> previousSecret;
    private final ClientIdMode defaultMode;
    private final ImmutableMap<Protocol, Boolean> requireClientId;
    private final TrustedNetworks exemptNetworks;
    private final RejectionStage rejectionStage;
    private final DeviceLimit failureLimit;
    private final DeviceLimit allAccountsFailureLimit;
    private final DeviceLimit accountFailureLimit;
    private final DeviceLimit addressFailureLimit;
    private final int maxFailedAuthPerConnection;
    private final DeviceLimit sharedDeviceLimit;
    private final TypeRules typeRules;
    private final boolean alertOnNewDevice;
    private final Duration storeTimeout;
    private final PendingDeviceLimits pendingDeviceLimits;

    private ClientIdPolicyConfiguration(String secret, Optional<String> previousSecret, ClientIdMode defaultMode,
                                        ImmutableMap<Protocol, Boolean> requireClientId,
                                        TrustedNetworks exemptNetworks, RejectionStage rejectionStage, DeviceLimit failureLimit,
                                        DeviceLimit allAccountsFailureLimit, DeviceLimit accountFailureLimit,
                                        DeviceLimit addressFailureLimit, int maxFailedAuthPerConnection,
                                        DeviceLimit sharedDeviceLimit, TypeRules typeRules, boolean alertOnNewDevice, Duration storeTimeout,
                                        PendingDeviceLimits pendingDeviceLimits) {
        this.secret = secret;
        this.previousSecret = previousSecret;
        this.defaultMode = defaultMode;
        this.requireClientId = requireClientId;
        this.exemptNetworks = exemptNetworks;
        this.rejectionStage = rejectionStage;
        this.failureLimit = failureLimit;
        this.allAccountsFailureLimit = allAccountsFailureLimit;
        this.accountFailureLimit = accountFailureLimit;
        this.addressFailureLimit = addressFailureLimit;
        this.maxFailedAuthPerConnection = maxFailedAuthPerConnection;
        this.sharedDeviceLimit = sharedDeviceLimit;
        this.typeRules = typeRules;
        this.alertOnNewDevice = alertOnNewDevice;
        this.storeTimeout = storeTimeout;
        this.pendingDeviceLimits = pendingDeviceLimits;
    }

    public PendingDeviceLimits getPendingDeviceLimits() {
        return pendingDeviceLimits;
    }

    /**
     * Key of {@link DeviceIdFactory}; never log it.
     */
    public String getSecret() {
        return secret;
    }

    /**
     * The secret being replaced while {@code clientid.secret} is rotated; never log it.
     */
    public Optional<String> getPreviousSecret() {
        return previousSecret;
    }

    /**
     * The mode of accounts without an override.
     */
    public ClientIdMode getDefaultMode() {
        return defaultMode;
    }

    /**
     * The global {@code requireClientId} of a protocol: what applies to accounts that do not set their own.
     */
    public boolean isRequireClientId(Protocol protocol) {
        return requireClientId.get(protocol);
    }

    /**
     * The policy of an account on a protocol, from its override (if any) and the global values.
     */
    public PolicyInForce inForce(Optional<AccountPolicy> override, Protocol protocol) {
        return PolicyInForce.of(
            override.map(AccountPolicy::getMode).orElse(defaultMode),
            override.isPresent() ? PolicyInForce.Source.ACCOUNT : PolicyInForce.Source.GLOBAL,
            override.flatMap(AccountPolicy::getRequireClientId).orElse(isRequireClientId(protocol)),
            override.flatMap(AccountPolicy::getRequireClientId).isPresent() ? PolicyInForce.Source.ACCOUNT : PolicyInForce.Source.GLOBAL);
    }

    /**
     * Addresses whose sign-ins need no CLIENTID (a webmail host); never exempt from blocks.
     */
    public TrustedNetworks getExemptNetworks() {
        return exemptNetworks;
    }

    /**
     * Failed AUTHs of one device, whatever the account: reaching the threshold blocks it on every account.
     */
    public DeviceLimit getAllAccountsFailureLimit() {
        return allAccountsFailureLimit;
    }

    /**
     * Failed AUTHs on one account from devices it does not trust and without CLIENTID: reaching the threshold
     * throttles those on the account.
     */
    public DeviceLimit getAccountFailureLimit() {
        return accountFailureLimit;
    }

    /**
     * The same as {@link #getAccountFailureLimit()} per remote address (IPv6: per /64).
     */
    public DeviceLimit getAddressFailureLimit() {
        return addressFailureLimit;
    }

    /**
     * Failed AUTHs on one connection after which the server ends it.
     */
    public int getMaxFailedAuthPerConnection() {
        return maxFailedAuthPerConnection;
    }

    public RejectionStage getRejectionStage() {
        return rejectionStage;
    }

    /**
     * Failed AUTHs of one device on one account: reaching the threshold throttles the device on that account, even
     * a device the account trusts.
     */
    public DeviceLimit getFailureLimit() {
        return failureLimit;
    }

    /**
     * Distinct accounts one device tried: exceeding the threshold blocks it.
     */
    public DeviceLimit getSharedDeviceLimit() {
        return sharedDeviceLimit;
    }

    public TypeRules getTypeRules() {
        return typeRules;
    }

    public boolean isAlertOnNewDevice() {
        return alertOnNewDevice;
    }

    public Duration getStoreTimeout() {
        return storeTimeout;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof ClientIdPolicyConfiguration) {
            ClientIdPolicyConfiguration that = (ClientIdPolicyConfiguration) o;
            return this.alertOnNewDevice == that.alertOnNewDevice
                && this.maxFailedAuthPerConnection == that.maxFailedAuthPerConnection
                && Objects.equals(this.secret, that.secret)
                && Objects.equals(this.previousSecret, that.previousSecret)
                && this.defaultMode == that.defaultMode
                && Objects.equals(this.requireClientId, that.requireClientId)
                && Objects.equals(this.exemptNetworks, that.exemptNetworks)
                && this.rejectionStage == that.rejectionStage
                && Objects.equals(this.failureLimit, that.failureLimit)
                && Objects.equals(this.allAccountsFailureLimit, that.allAccountsFailureLimit)
                && Objects.equals(this.accountFailureLimit, that.accountFailureLimit)
                && Objects.equals(this.addressFailureLimit, that.addressFailureLimit)
                && Objects.equals(this.sharedDeviceLimit, that.sharedDeviceLimit)
                && Objects.equals(this.pendingDeviceLimits, that.pendingDeviceLimits)
                && Objects.equals(this.typeRules, that.typeRules)
                && Objects.equals(this.storeTimeout, that.storeTimeout);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(secret, previousSecret, defaultMode, requireClientId, exemptNetworks, rejectionStage, failureLimit, allAccountsFailureLimit,
            accountFailureLimit, addressFailureLimit, maxFailedAuthPerConnection, sharedDeviceLimit, typeRules, alertOnNewDevice, storeTimeout,
            pendingDeviceLimits);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("secret", "<hidden>")
            .add("previousSecret", previousSecret.map(any -> "<hidden>").orElse("none"))
            .add("defaultMode", defaultMode)
            .add("requireClientId", requireClientId)
            .add("exemptNetworks", exemptNetworks)
            .add("rejectionStage", rejectionStage)
            .add("failureLimit", failureLimit)
            .add("allAccountsFailureLimit", allAccountsFailureLimit)
            .add("accountFailureLimit", accountFailureLimit)
            .add("addressFailureLimit", addressFailureLimit)
            .add("maxFailedAuthPerConnection", maxFailedAuthPerConnection)
            .add("sharedDeviceLimit", sharedDeviceLimit)
            .add("pendingDeviceLimits", pendingDeviceLimits)
            .add("typeRules", typeRules)
            .add("alertOnNewDevice", alertOnNewDevice)
            .add("storeTimeout", storeTimeout)
            .toString();
    }
}
