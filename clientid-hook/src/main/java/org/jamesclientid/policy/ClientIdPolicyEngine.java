package org.jamesclientid.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.core.LogText;
import org.jamesclientid.device.AccountUse;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceBlocks;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.Throttles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Maps;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

/**
 * Decides whether an AUTH may proceed given the presented client identity (product.md, "Policy model").
 *
 * <p>The account's mode comes from its override, else from the global default. {@code off} only looks at the
 * password. Otherwise the identity counts only when its type has the {@code authenticate} flag; without one, AUTH
 * passes on the password unless the account requires a CLIENTID in a strict mode (P1, U5). A used identity must
 * pass the type rules (P2, P3) and then {@link DeviceChecks}.</p>
 *
 * <p>Any error of the device store, or no answer within {@code clientid.store.timeout}, gives {@code TEMPFAIL} in
 * trust-first and enforce; in observe (or off) the password alone decides, with a WARN. When the policy override
 * itself cannot be read, the global default mode applies.</p>
 *
 * <p>Everything the decision needs is read together, before the mode is known ({@link Lookups}): on Cassandra, reads
 * sent at once, one round trip. Mode off reads them for nothing; it is rare, and the reads are cheap next to a round
 * trip. A device signing in again needs nothing more; a first decision writes once more (the new device, added only
 * when absent).</p>
 *
 * <p>While {@code clientid.secret} is rotated ({@code clientid.secret.previous} set), a device the account does not
 * know under the secret is looked up under the previous one and, when known, moved to its new id before the
 * decision ({@link DeviceHistory#rekey}).</p>
 *
 * <p>Each decision is logged as one INFO line; the token never is.</p>
 */
public class ClientIdPolicyEngine {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdPolicyEngine.class);
    /** Time of a whole AUTH decision: mostly device store round trips. */
    public static final String DECISION_TIMER = "clientid-decision";
    public static final String DECISION_COUNTER_PREFIX = "clientid-decision-";
    /** Devices moved to their id under a new {@code clientid.secret}: the progress of a rotation. */
    public static final String REKEYED_COUNTER = "clientid-device-rekeyed";

    private final DeviceHistory history;
    private final PasswordOnlySignIns passwordOnlySignIns;
    private final LastKnownPolicies lastKnownPolicies;
    private final KnownAccounts knownAccounts;
    private final ClientIdPolicyConfiguration configuration;
    private final DeviceIdFactory deviceIdFactory;
    private final Set<AlertListener> alertListeners;
    private final DeviceChecks deviceChecks;
    private final FailureLimits failureLimits;
    private final MetricFactory metricFactory;
    private final Map<PolicyDecision.Outcome, Map<ClientIdMode, Metric>> decisionCounters;

    @Inject
    public ClientIdPolicyEngine(DeviceHistory history, FailureCounters failureCounters, Throttles throttles,
                                PasswordOnlySignIns passwordOnlySignIns, LastKnownPolicies lastKnownPolicies, KnownAccounts knownAccounts,
                                ClientIdPolicyConfiguration configuration, DeviceIdFactory deviceIdFactory,
                                Set<AlertListener> alertListeners, MetricFactory metricFactory) {
        this.metricFactory = metricFactory;
        this.decisionCounters = decisionCounters(metricFactory);
        this.history = history;
        this.passwordOnlySignIns = passwordOnlySignIns;
        this.lastKnownPolicies = lastKnownPolicies;
        this.knownAccounts = knownAccounts;
        this.configuration = configuration;
        this.deviceIdFactory = deviceIdFactory;
        this.alertListeners = ImmutableSet.copyOf(alertListeners);
        this.deviceChecks = new DeviceChecks(history, configuration);
        this.failureLimits = new FailureLimits(history.blocks(), failureCounters, throttles, configuration);
    }

    public Mono<PolicyDecision> decide(AuthAttempt attempt) {
        return Mono.from(metricFactory.decoratePublisherWithTimerMetric(DECISION_TIMER, decideUntimed(attempt)));
    }

    private Mono<PolicyDecision> decideUntimed(AuthAttempt attempt) {
        Optional<PresentedDevice> device = PresentedDevice.of(attempt.getClientId(), configuration.getTypeRules(), deviceIdFactory);
        Optional<PresentedDevice> usedDevice = device.filter(PresentedDevice::isUsedForAuthentication);
        Optional<DeviceId> checkedId = usedDevice
            .filter(presented -> configuration.getTypeRules().isAccepted(presented.type()))
            .map(PresentedDevice::id);
        // Until the store answers: what this node last knew of the account, so that a strict account stays strict
        // during an outage whatever the global mode (LastKnownPolicies says how stale that can be).
        AtomicReference<PolicyInForce> policyInForce = new AtomicReference<>(configuration.inForce(
            lastKnownPolicies.lastKnown(attempt.getUsername()), attempt.getProtocol()));
        Mono<Evaluation> lookupsAndChecks = lookups(attempt, checkedId, policyInForce)
            .flatMap(found -> found.device().isPresent()
                ? evaluate(attempt, policyInForce.get(), device, usedDevice, found)
                : rekeyedFromPreviousSecret(attempt, usedDevice, checkedId, policyInForce).defaultIfEmpty(found)
                    .flatMap(lookups -> evaluate(attempt, policyInForce.get(), device, usedDevice, lookups)));
        return StoreTimeout.within(lookupsAndChecks, configuration.getStoreTimeout())
            .onErrorResume(error -> Mono.just(storeUnavailable(attempt, policyInForce.get(), device, usedDevice, error)))
            .flatMap(evaluation -> concluded(attempt, withOutcomeAlerts(attempt, evaluation)));
    }

    /**
     * The alerts published, then the decision logged and counted. Without alerts (a known device signing in, the
     * common case) no operator is added: every AUTH builds and subscribes this chain, and its operators were the
     * largest part of the extension's CPU on the memory store (docs/benchmarks.md).
     */
    private Mono<PolicyDecision> concluded(AuthAttempt attempt, Evaluation evaluation) {
        if (evaluation.alerts().isEmpty()) {
            return Mono.just(logAndCount(attempt, evaluation));
        }
        return publish(evaluation).then(Mono.fromSupplier(() -> logAndCount(attempt, evaluation)));
    }

    private PolicyDecision logAndCount(AuthAttempt attempt, Evaluation evaluation) {
        logDecision(attempt, evaluation);
        countDecision(evaluation);
        return evaluation.decision();
    }

    /**
     * Every read at once, before the mode is known: one round trip to the store (see {@link Lookups}). Mode off
     * ignores what was read. The blocks' error only counts where the blocks are used.
     */
    private Mono<Lookups> lookups(AuthAttempt attempt, Optional<DeviceId> checkedId, AtomicReference<PolicyInForce> policyInForce) {
        Username username = attempt.getUsername();
        boolean wrongPassword = !attempt.isPasswordValid();
        Mono<Optional<AccountPolicy>> policy = optional(Mono.defer(() -> history.policies().policy(username)))
            .doOnNext(found -> {
                lastKnownPolicies.learn(username, found);
                policyInForce.set(configuration.inForce(found, attempt.getProtocol()));
            });
        Mono<Optional<Device>> device = checkedId
            .map(id -> optional(Mono.defer(() -> history.devices().device(username, id))))
            .orElse(Mono.just(Optional.empty()));
        Mono<Optional<DeviceActivity>> activity = checkedId
            .map(id -> optional(Mono.defer(() -> history.activity().activity(username, id))))
            .orElse(Mono.just(Optional.empty()));
        Mono<Boolean> accountHasDevices = checkedId.isPresent() && wrongPassword
            ? Mono.defer(() -> history.devices().hasAnyDevice(username)).defaultIfEmpty(false)
            : Mono.just(true);
        // No block stored: an empty signal, read as DeviceBlocks.NONE where the blocks are used.
        Mono<Signal<DeviceBlocks>> blocks = checkedId
            .map(id -> Mono.defer(() -> history.blocks().blocks(id)))
            .orElse(Mono.just(DeviceBlocks.NONE))
            .materialize();
        Mono<List<AccountUse>> uses = checkedId
            .map(id -> Mono.defer(() -> history.uses().accounts(id).collectList()))
            .orElse(Mono.just(List.of()));
        Mono<Boolean> accountKnown = wrongPassword
            ? Mono.defer(() -> knownAccounts.exists(username)).defaultIfEmpty(false)
            : Mono.just(true);
        List<Mono<?>> reads = ImmutableList.<Mono<?>>builder()
            .add(policy, device, activity, accountHasDevices, blocks, uses, accountKnown)
            .addAll(failureLimits.throttleReads(attempt, checkedId))
            .build();
        return Mono.zip(reads, objects -> Lookups.of(cast(objects[0]), cast(objects[1]), cast(objects[2]), (Boolean) objects[3],
            cast(objects[4]), cast(objects[5]), ThrottleState.of((Boolean) objects[7], (Boolean) objects[8], (Boolean) objects[9]),
            (Boolean) objects[6]));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private static <T> Mono<Optional<T>> optional(Mono<T> value) {
        return value.map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    /**
     * Rotation of {@code clientid.secret}: the account does not know the device under the secret. When it knew it
     * under the previous one, the device is moved to its new id with its status, history and block, then the lookups
     * run again so that it is decided as that known device. Empty otherwise: without a previous secret nothing more is
     * read; with one, a token the account never knew costs this one read and writes nothing.
     */
    private Mono<Lookups> rekeyedFromPreviousSecret(
            AuthAttempt attempt, Optional<PresentedDevice> usedDevice, Optional<DeviceId> checkedId,
            AtomicReference<PolicyInForce> policyInForce) {
        Optional<DeviceId> previousId = usedDevice.flatMap(PresentedDevice::previousId);
        if (checkedId.isEmpty() || previousId.isEmpty() || policyInForce.get().getMode() == ClientIdMode.OFF) {
            return Mono.empty();
        }
        return Mono.defer(() -> history.devices().device(attempt.getUsername(), previousId.get()))
            .flatMap(known -> history.rekey(attempt.getUsername(), previousId.get(), checkedId.get())
                .then(Mono.fromRunnable(() -> {
                    LOGGER.info("CLIENTID device re-keyed to the current secret device={} account={}",
                        usedDevice.get().idForLog(), LogText.quoted(attempt.getUsername().asString()));
                    metricFactory.generate(REKEYED_COUNTER).increment();
                }))
                .then(lookups(attempt, checkedId, policyInForce)));
    }

    private Mono<Evaluation> evaluate(AuthAttempt attempt, PolicyInForce policy, Optional<PresentedDevice> device,
                                      Optional<PresentedDevice> usedDevice, Lookups lookups) {
        Optional<Device> known = lookups.device();
        if (policy.getMode() == ClientIdMode.OFF) {
            return Mono.just(Evaluation.of(policy, Optional.empty(), passwordOnly(attempt, PolicyDecision.Reason.MODE_OFF)));
        }
        boolean trustedDevice = usedDevice.isPresent()
            && known.map(stored -> stored.effectiveStatus(attempt.getAt()) == DeviceStatus.TRUSTED).orElse(false);
        Optional<DeviceId> usedId = usedDevice.map(PresentedDevice::id);
        if (lookups.throttles().refuses(trustedDevice)) {
            return Mono.just(Evaluation.of(policy, device, PolicyDecision.deny(PolicyDecision.Reason.THROTTLED, usedId)));
        }
        if (usedDevice.isEmpty()) {
            if (policy.requiresClientId() && !configuration.getExemptNetworks().contains(attempt.getRemoteIp())) {
                return refused(attempt, Evaluation.of(policy, device, PolicyDecision.deny(PolicyDecision.Reason.CLIENTID_REQUIRED, Optional.empty()))
                    .withAlert(attempt.isPasswordValid(), clientIdRequiredAlert(attempt)), false, lookups);
            }
            return withoutClientId(attempt, policy, device, lookups);
        }
        if (!configuration.getTypeRules().isAccepted(usedDevice.get().type())) {
            return refused(attempt, Evaluation.of(policy, device, PolicyDecision.deny(PolicyDecision.Reason.TYPE_DENIED, usedId)), false, lookups);
        }
        Signal<DeviceBlocks> blocks = lookups.blocks();
        if (blocks.isOnError()) {
            return Mono.error(blocks.getThrowable());
        }
        Optional<Block> foundBlock = Optional.ofNullable(blocks.get()).orElse(DeviceBlocks.NONE).activeAt(attempt.getAt());
        if (foundBlock.isPresent()) {
            // Nothing written: hammering a blocked device grows nothing. The owner hears of it only when the password
            // was right.
            return Mono.just(Evaluation.of(policy, device, PolicyDecision.deny(PolicyDecision.Reason.BLOCKED, usedId))
                .withAlert(attempt.isPasswordValid(), Alert.Kind.BLOCKED_DEVICE_REFUSED, attempt,
                    alert -> alert.until(foundBlock.get().getUntil()).firstSeen(known.map(Device::getFirstSeen))));
        }
        return deviceChecks.evaluate(attempt, policy, usedDevice.get(), lookups)
            .flatMap(evaluation -> countsAsFailure(evaluation.decision())
                ? refused(attempt, evaluation, trustedDevice, lookups)
                : Mono.just(evaluation));
    }

    private static Alert clientIdRequiredAlert(AuthAttempt attempt) {
        return Alert.builder()
            .kind(Alert.Kind.CLIENTID_REQUIRED)
            .username(attempt.getUsername())
            .clientName(attempt.getClientName())
            .ip(attempt.getRemoteIp())
            .at(attempt.getAt())
            // No device, so no device details to hide: the owner is told, the log line says which account.
            .visibility(true, true)
            .build();
    }

    private Mono<Evaluation> withoutClientId(AuthAttempt attempt, PolicyInForce policy, Optional<PresentedDevice> device, Lookups lookups) {
        Evaluation evaluation = Evaluation.of(policy, device, passwordOnly(attempt, PolicyDecision.Reason.NO_CLIENTID));
        if (!attempt.isPasswordValid()) {
            return refused(attempt, evaluation, false, lookups);
        }
        // What an operator reads before requiring CLIENTID of the account (a webmail, an old client).
        return Mono.defer(() -> passwordOnlySignIns.record(attempt.getUsername(), attempt.getProtocol(), attempt.getMechanism(),
                attempt.getAt(), attempt.getRemoteIp()))
            .thenReturn(evaluation);
    }

    private Mono<Evaluation> refused(AuthAttempt attempt, Evaluation refusal, boolean trustedDevice, Lookups lookups) {
        return failureLimits.countRefusal(attempt, refusal, trustedDevice, lookups.accountKnown());
    }

    /**
     * A wrong password and every refusal of the device count alike; a block set by this very attempt (shared
     * device) does not count twice.
     */
    private static boolean countsAsFailure(PolicyDecision decision) {
        return decision.getOutcome() == PolicyDecision.Outcome.DENY && decision.getReason() != PolicyDecision.Reason.SHARED_DEVICE;
    }

    private static PolicyDecision passwordOnly(AuthAttempt attempt, PolicyDecision.Reason reasonWhenValid) {
        if (attempt.isPasswordValid()) {
            return PolicyDecision.allow(reasonWhenValid, Optional.empty());
        }
        return PolicyDecision.deny(PolicyDecision.Reason.PASSWORD, Optional.empty());
    }

    private Evaluation storeUnavailable(AuthAttempt attempt, PolicyInForce policy, Optional<PresentedDevice> device,
                                        Optional<PresentedDevice> usedDevice, Throwable error) {
        if (policy.getMode() == ClientIdMode.OFF) {
            LOGGER.warn("CLIENTID device store unavailable for account={} mode=off", LogText.quoted(attempt.getUsername().asString()), error);
            return Evaluation.of(policy, Optional.empty(), passwordOnly(attempt, PolicyDecision.Reason.MODE_OFF));
        }
        PolicyDecision decision = policy.getMode().isStrict()
            ? PolicyDecision.tempfail(PolicyDecision.Reason.STORE_UNAVAILABLE, usedDevice.map(PresentedDevice::id))
            : passwordOnlyWithoutStore(attempt, usedDevice);
        LOGGER.warn("CLIENTID device store unavailable for device={} mode={}: outcome={}; records of this attempt may be missing account={}",
            device.map(PresentedDevice::idForLog).orElse("-"), policy.getMode().asString(),
            decision.getOutcome(), LogText.quoted(attempt.getUsername().asString()), error);
        return Evaluation.of(policy, device, decision);
    }

    private static PolicyDecision passwordOnlyWithoutStore(AuthAttempt attempt, Optional<PresentedDevice> usedDevice) {
        if (attempt.isPasswordValid()) {
            return PolicyDecision.allow(PolicyDecision.Reason.STORE_UNAVAILABLE, usedDevice.map(PresentedDevice::id));
        }
        return PolicyDecision.deny(PolicyDecision.Reason.PASSWORD, usedDevice.map(PresentedDevice::id));
    }

    private static Evaluation withOutcomeAlerts(AuthAttempt attempt, Evaluation evaluation) {
        TypeFlags flags = evaluation.device().map(PresentedDevice::flags).orElse(TypeFlags.NONE);
        PolicyDecision.Outcome outcome = evaluation.decision().getOutcome();
        return evaluation
            .withAlert(outcome == PolicyDecision.Outcome.DENY && flags.contains(TypeFlag.ALERT_FAILURE), Alert.Kind.AUTH_FAILED, attempt)
            .withAlert(outcome == PolicyDecision.Outcome.ALLOW && flags.contains(TypeFlag.ALERT_SUCCESS), Alert.Kind.AUTH_SUCCEEDED, attempt);
    }

    private Mono<Void> publish(Evaluation evaluation) {
        if (evaluation.alerts().isEmpty()) {
            // The common case (a known device signing in): no operator chain to build.
            return Mono.empty();
        }
        return Flux.fromIterable(evaluation.alerts())
            .flatMap(alert -> Flux.fromIterable(alertListeners)
                .flatMap(listener -> Mono.defer(() -> listener.onAlert(alert))
                    .timeout(configuration.getStoreTimeout())
                    .onErrorResume(error -> {
                        LOGGER.warn("CLIENTID alert {} for account={} not delivered by {}", alert.getKind(),
                            LogText.quoted(alert.getUsername().asString()), listener.getClass().getName(), error);
                        return Mono.empty();
                    })))
            .then();
    }

    /**
     * One counter per outcome and mode, e.g. {@code clientid-decision-deny-enforce}, generated once: naming and looking
     * one up at each AUTH showed in the profile of every decision.
     */
    private static Map<PolicyDecision.Outcome, Map<ClientIdMode, Metric>> decisionCounters(MetricFactory metricFactory) {
        return Arrays.stream(PolicyDecision.Outcome.values())
            .collect(Maps.toImmutableEnumMap(outcome -> outcome, outcome -> Arrays.stream(ClientIdMode.values())
                .collect(Maps.toImmutableEnumMap(mode -> mode, mode -> metricFactory.generate(
                    DECISION_COUNTER_PREFIX + outcome.name().toLowerCase(Locale.US) + "-" + mode.asString())))));
    }

    private void countDecision(Evaluation evaluation) {
        decisionCounters.get(evaluation.decision().getOutcome()).get(evaluation.policy().getMode()).increment();
    }

    /**
     * The decision line, a stable contract read by fail2ban and CrowdSec (docs/log-format.md): the fields the server
     * writes come first, unquoted; the ones a client chose (type, account) come last, quoted by {@link LogText}.
     */
    private static void logDecision(AuthAttempt attempt, Evaluation evaluation) {
        Optional<PresentedDevice> device = evaluation.device();
        LOGGER.info("CLIENTID decision protocol={} ip={} outcome={} reason={} mode={} device={} type={} account={}",
            attempt.getProtocol().asString(),
            attempt.getRemoteIp().orElse("-"),
            evaluation.decision().getOutcome(),
            evaluation.decision().getReason(),
            evaluation.policy().getMode().asString(),
            device.map(PresentedDevice::idForLog).orElse("-"),
            device.map(PresentedDevice::typeForLog).orElse("-"),
            LogText.quoted(attempt.getUsername().asString()));
    }
}
