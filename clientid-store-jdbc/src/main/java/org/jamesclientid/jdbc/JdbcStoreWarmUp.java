package org.jamesclientid.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.limit.LimitKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.annotations.VisibleForTesting;
import com.google.common.base.Stopwatch;

import reactor.core.publisher.Mono;

/**
 * Runs the statements of a first sign-in once before James accepts connections, on an account no one can have (the
 * {@code .invalid} domain is reserved, RFC 2606) whose rows are deleted at the end. Embedded Derby compiles a statement
 * at its first use and opens a connection slowly: measured on the loaded 2-core CI machine, the first sign-in after a
 * start could outlast the 2 s store timeout, and was answered 454 as a store outage. Here that cost is paid at start,
 * with the reads sent at once as the policy engine sends them, so that the pool holds as many open connections. Derby
 * keeps compiled statements for the whole database (its statement cache), so every later connection finds them.
 */
public class JdbcStoreWarmUp {
    private static final Logger LOGGER = LoggerFactory.getLogger(JdbcStoreWarmUp.class);
    @VisibleForTesting
    static final Username ACCOUNT = Username.of("clientid-warm-up@warm-up.invalid");
    private static final DeviceId DEVICE = DeviceId.of("000000000000000000000000");

    private final JdbcDeviceRepository devices;
    private final JdbcDeviceActivityRepository activity;
    private final JdbcDeviceUseRepository uses;
    private final JdbcBlockRepository blocks;
    private final JdbcAccountPolicyRepository policies;
    private final JdbcFailureCounters failureCounters;
    private final JdbcThrottles throttles;
    private final Clock clock;

    @Inject
    public JdbcStoreWarmUp(JdbcDeviceRepository devices, JdbcDeviceActivityRepository activity, JdbcDeviceUseRepository uses,
                           JdbcBlockRepository blocks, JdbcAccountPolicyRepository policies, JdbcFailureCounters failureCounters,
                           JdbcThrottles throttles, Clock clock) {
        this.devices = devices;
        this.activity = activity;
        this.uses = uses;
        this.blocks = blocks;
        this.policies = policies;
        this.failureCounters = failureCounters;
        this.throttles = throttles;
        this.clock = clock;
    }

    /**
     * Never fails James' start: a statement that cannot run here is logged, and fails again, with its reply, at the
     * sign-in that needs it.
     */
    public void warmUp(Duration atMost) {
        Stopwatch stopwatch = Stopwatch.createStarted();
        try {
            run().block(atMost);
            LOGGER.info("CLIENTID: JDBC store statements prepared in {} ms", stopwatch.elapsed().toMillis());
        } catch (RuntimeException e) {
            LOGGER.warn("CLIENTID: the JDBC store warm-up failed after {} ms; the first sign-ins may be slow", stopwatch.elapsed().toMillis(), e);
        }
    }

    @VisibleForTesting
    Mono<Void> run() {
        Instant now = clock.instant();
        LimitKey deviceOnAccount = LimitKey.deviceOnAccount(DEVICE, ACCOUNT);
        Mono<Void> reads = Mono.when(
            policies.policy(ACCOUNT),
            devices.device(ACCOUNT, DEVICE),
            devices.hasAnyDevice(ACCOUNT),
            activity.activity(ACCOUNT, DEVICE),
            blocks.blocks(DEVICE),
            uses.accounts(DEVICE).then(),
            throttles.find(deviceOnAccount),
            failureCounters.countSince(deviceOnAccount, now));
        Device pending = Device.builder()
            .id(DEVICE)
            .type("UUID")
            .hint("")
            .status(StatusChange.pending(Actor.SIGN_IN, now))
            .firstSeen(now)
            .build();
        // What a first sign-in writes, then deleted: the warm-up leaves no row.
        Mono<Void> writes = devices.add(ACCOUNT, pending)
            .then(devices.changeStatusIf(ACCOUNT, pending, StatusChange.trusted(Actor.SIGN_IN, now)))
            .then(activity.record(ACCOUNT, DeviceActivity.first(DEVICE, now, Optional.empty(), true), Optional.empty()))
            .then(uses.recordUse(DEVICE, ACCOUNT, now))
            .then(failureCounters.recordAndCountSince(deviceOnAccount, now, now))
            .then();
        Mono<Void> cleanUp = Mono.when(
            devices.deleteAll(ACCOUNT),
            activity.deleteAll(ACCOUNT),
            uses.deleteAll(ACCOUNT),
            failureCounters.reset(deviceOnAccount));
        return reads
            .then(writes.onErrorResume(error -> cleanUp.onErrorResume(any -> Mono.empty()).then(Mono.error(error))))
            .then(cleanUp);
    }
}
