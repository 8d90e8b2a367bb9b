package org.jamesclientid.policy;

import java.util.Optional;
import java.util.function.UnaryOperator;

import com.google.common.collect.ImmutableList;

/**
 * A decision with what explains it (the policy in force, the device) and the alerts it raises.
 */
final class Evaluation {
    static Evaluation of(PolicyInForce policy, Optional<PresentedDevice> device, PolicyDecision decision) {
        return new Evaluation(policy, device, decision, ImmutableList.of());
    }

    private final PolicyInForce policy;
    private final Optional<PresentedDevice> device;
    private final PolicyDecision decision;
    private final ImmutableList<Alert> alerts;

    private Evaluation(PolicyInForce policy, Optional<PresentedDevice> device, PolicyDecision decision, ImmutableList<Alert> alerts) {
        this.policy = policy;
        this.device = device;
        this.decision = decision;
        this.alerts = alerts;
    }

    Evaluation withDecision(PolicyDecision newDecision) {
        return new Evaluation(policy, device, newDecision, alerts);
    }

    Evaluation withAlert(Alert alert) {
        return new Evaluation(policy, device, decision, ImmutableList.<Alert>builder().addAll(alerts).add(alert).build());
    }

    Evaluation withAlert(boolean condition, Alert alert) {
        return condition ? withAlert(alert) : this;
    }

    Evaluation withAlert(boolean condition, Alert.Kind kind, AuthAttempt attempt) {
        if (condition && device.isPresent()) {
            return withAlert(device.get().alert(kind, attempt));
        }
        return this;
    }

    /**
     * The alert built from the device and the attempt, completed by {@code details} (first seen, until when).
     */
    Evaluation withAlert(boolean condition, Alert.Kind kind, AuthAttempt attempt, UnaryOperator<Alert.Builder> details) {
        if (condition && device.isPresent()) {
            return withAlert(details.apply(device.get().alertBuilder(kind, attempt)).build());
        }
        return this;
    }

    PolicyInForce policy() {
        return policy;
    }

    Optional<PresentedDevice> device() {
        return device;
    }

    PolicyDecision decision() {
        return decision;
    }

    ImmutableList<Alert> alerts() {
        return alerts;
    }
}
