package org.jamesclientid.imap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Username;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.util.DurationParser;
import org.jamesclientid.core.LogText;
import org.jamesclientid.device.DeviceAccessListener;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.annotations.VisibleForTesting;
import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.MapMaker;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuple2;

/**
 * The authenticated IMAP sessions of this node by the device they signed in with, so that a device an administrator
 * revokes or blocks loses its open connections (an IDLE included), not only its next sign-in.
 *
 * <ul>
 *     <li>On the node where the administrator acts, WebAdmin tells this registry ({@link DeviceAccessListener}) once
 *     the store has the change: the device's sessions end at once.</li>
 *     <li>Every node also reads again, every {@code clientid.imap.openSessions.checkInterval} (default 30 seconds),
 *     the status and block of the devices its sessions signed in with, and ends those no longer allowed: a change
 *     made on another node ends them within that interval (plus the store's own read delay).</li>
 * </ul>
 *
 * <p>The sessions are held weakly (a closed connection's session goes with it) and at most {@link #MAX_SESSIONS}
 * at once; past that, new sessions are not tracked (logged) and only their next sign-in is checked.</p>
 */
public class OpenImapSessions implements DeviceAccessListener {
    public static final String CHECK_INTERVAL = "clientid.imap.openSessions.checkInterval";
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(30);
    public static final int MAX_SESSIONS = 100_000;
    private static final Duration LISTENER_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOGGER = LoggerFactory.getLogger(OpenImapSessions.class);

    public static Duration checkInterval(Configuration clientIdProperties) throws ConfigurationException {
        String value = clientIdProperties.getString(CHECK_INTERVAL, null);
        if (value == null || value.isBlank()) {
            return DEFAULT_CHECK_INTERVAL;
        }
        try {
            Duration interval = DurationParser.parse(value.trim(), ChronoUnit.SECONDS);
            Preconditions.checkArgument(!interval.isNegative() && !interval.isZero());
            return interval;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ConfigurationException("Invalid " + CHECK_INTERVAL + " '" + value + "': expecting a positive duration, e.g. 30s", e);
        }
    }

    /**
     * The accounts a session signed in to (the token's or password's owner, then the account acted as, if another)
     * and the device they accepted.
     */
    static final class SignedIn {
        private final ImmutableList<Username> accounts;
        private final DeviceId deviceId;

        SignedIn(List<Username> accounts, DeviceId deviceId) {
            Preconditions.checkArgument(!accounts.isEmpty(), "'accounts' must not be empty");
            this.accounts = ImmutableList.copyOf(accounts);
            this.deviceId = Preconditions.checkNotNull(deviceId, "'deviceId' is mandatory");
        }

        @Override
        public final boolean equals(Object o) {
            if (o instanceof SignedIn) {
                SignedIn that = (SignedIn) o;
                return Objects.equals(this.accounts, that.accounts)
                    && Objects.equals(this.deviceId, that.deviceId);
            }
            return false;
        }

        @Override
        public final int hashCode() {
            return Objects.hash(accounts, deviceId);
        }

        @Override
        public String toString() {
            return MoreObjects.toStringHelper(this)
                .add("accounts", accounts)
                .add("deviceId", deviceId.asString())
                .toString();
        }
    }

    private final Map<ImapSession, SignedIn> sessions = new MapMaker().weakKeys().makeMap();
    private final DeviceHistory history;
    private final Clock clock;
    private final Duration checkInterval;
    private final AtomicReference<Disposable> periodicCheck = new AtomicReference<>();
    private final AtomicBoolean fullReported = new AtomicBoolean(false);

    public OpenImapSessions(DeviceHistory history, Clock clock, Duration checkInterval) {
        this.history = history;
        this.clock = clock;
        this.checkInterval = checkInterval;
    }

    /**
     * A session has just signed in with a device: from now on it ends when that device is revoked on one of its
     * accounts, or blocked.
     */
    void signedIn(ImapSession session, List<Username> accounts, DeviceId deviceId) {
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.keySet().removeIf(OpenImapSessions::isLoggedOut);
        }
        if (sessions.size() >= MAX_SESSIONS) {
            if (fullReported.compareAndSet(false, true)) {
                LOGGER.warn("CLIENTID tracks {} open IMAP sessions, its maximum: new sessions are checked at sign-in only", MAX_SESSIONS);
            }
            return;
        }
        fullReported.set(false);
        sessions.put(session, new SignedIn(accounts, deviceId));
        startPeriodicCheck();
    }

    @VisibleForTesting
    int size() {
        return sessions.size();
    }

    @Override
    public void deviceChanged(Username username, DeviceId deviceId) {
        endAtOnce(signedIn -> signedIn.deviceId.equals(deviceId) && signedIn.accounts.contains(username));
    }

    @Override
    public void deviceBlocked(DeviceId deviceId) {
        endAtOnce(signedIn -> signedIn.deviceId.equals(deviceId));
    }

    private void endAtOnce(Predicate<SignedIn> which) {
        try {
            endNoLongerAllowed(which).block(LISTENER_TIMEOUT);
        } catch (RuntimeException e) {
            LOGGER.error("CLIENTID could not end the open IMAP sessions of a device now; the periodic check will", e);
        }
    }

    private void startPeriodicCheck() {
        if (periodicCheck.get() != null) {
            return;
        }
        Disposable check = Flux.interval(checkInterval, checkInterval, Schedulers.parallel())
            .onBackpressureDrop()
            .concatMap(tick -> endNoLongerAllowed(any -> true)
                .onErrorResume(e -> {
                    LOGGER.error("CLIENTID periodic check of open IMAP sessions failed", e);
                    return Mono.just(0);
                }), 1)
            .subscribe();
        if (!periodicCheck.compareAndSet(null, check)) {
            check.dispose();
        }
    }

    /**
     * Reads each device's block and status on each account once, then ends the sessions it no longer allows.
     *
     * @return how many sessions were ended
     */
    @VisibleForTesting
    Mono<Integer> endNoLongerAllowed(Predicate<SignedIn> which) {
        ImmutableList<Map.Entry<ImapSession, SignedIn>> candidates = sessions.entrySet().stream()
            .filter(entry -> which.test(entry.getValue()))
            .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
            .collect(ImmutableList.toImmutableList());
        if (candidates.isEmpty()) {
            return Mono.just(0);
        }
        Instant now = clock.instant();
        ImmutableSet<DeviceId> devices = candidates.stream()
            .map(entry -> entry.getValue().deviceId)
            .collect(ImmutableSet.toImmutableSet());
        ImmutableSet<AccountDevice> accountDevices = candidates.stream()
            .flatMap(entry -> entry.getValue().accounts.stream().map(account -> new AccountDevice(account, entry.getValue().deviceId)))
            .collect(ImmutableSet.toImmutableSet());
        Mono<Set<DeviceId>> blocked = Flux.fromIterable(devices)
            .filterWhen(id -> Mono.defer(() -> history.blocks().blocks(id)).map(blocks -> blocks.activeAt(now).isPresent()).defaultIfEmpty(false), 4)
            .collect(ImmutableSet.toImmutableSet());
        Mono<Set<AccountDevice>> revoked = Flux.fromIterable(accountDevices)
            .filterWhen(accountDevice -> Mono.defer(() -> history.devices().device(accountDevice.account, accountDevice.deviceId))
                .map(device -> device.effectiveStatus(now) == DeviceStatus.REVOKED)
                .defaultIfEmpty(false), 4)
            .collect(ImmutableSet.toImmutableSet());
        return Mono.zip(blocked, revoked)
            .map(found -> end(candidates, found));
    }

    private int end(List<Map.Entry<ImapSession, SignedIn>> candidates, Tuple2<Set<DeviceId>, Set<AccountDevice>> found) {
        int ended = 0;
        for (Map.Entry<ImapSession, SignedIn> entry : candidates) {
            ImapSession session = entry.getKey();
            SignedIn signedIn = entry.getValue();
            if (isLoggedOut(session)) {
                sessions.remove(session);
                continue;
            }
            boolean isBlocked = found.getT1().contains(signedIn.deviceId);
            boolean isRevoked = signedIn.accounts.stream()
                .anyMatch(account -> found.getT2().contains(new AccountDevice(account, signedIn.deviceId)));
            if (isBlocked || isRevoked) {
                sessions.remove(session);
                if (ImapConnectionCloser.close(session)) {
                    ended++;
                    LOGGER.info("CLIENTID ended an open IMAP session of device {} on {}: device {}", signedIn.deviceId.asString(),
                        LogText.quoted(signedIn.accounts.get(signedIn.accounts.size() - 1).asString()), isBlocked ? "blocked" : "revoked");
                }
            }
        }
        return ended;
    }

    private static boolean isLoggedOut(ImapSession session) {
        return session.getState() == ImapSessionState.LOGOUT;
    }

    private static final class AccountDevice {
        private final Username account;
        private final DeviceId deviceId;

        private AccountDevice(Username account, DeviceId deviceId) {
            this.account = account;
            this.deviceId = deviceId;
        }

        @Override
        public final boolean equals(Object o) {
            if (o instanceof AccountDevice) {
                AccountDevice that = (AccountDevice) o;
                return Objects.equals(this.account, that.account)
                    && Objects.equals(this.deviceId, that.deviceId);
            }
            return false;
        }

        @Override
        public final int hashCode() {
            return Objects.hash(account, deviceId);
        }
    }
}
