package org.jamesclientid.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

import org.apache.james.core.Username;
import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.jamesclientid.activity.MemoryPasswordOnlySignIns;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.device.MemoryDeviceHistories;
import org.jamesclientid.limit.MemoryLimits;
import org.jamesclientid.policy.AuthAttempt;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.ClientIdPolicyEngine;
import org.jamesclientid.policy.LastKnownPolicies;
import org.jamesclientid.policy.PolicyConfigurations;
import org.jamesclientid.policy.PolicyDecision;

import com.codahale.metrics.MetricRegistry;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableSet;

import reactor.core.publisher.Mono;

/**
 * CPU of one AUTH decision of the engine on the memory store, in this JVM, without SMTP around it: the part of the
 * extension's cost that is its own code. Known devices (mode observe, right password), one decision at a time;
 * the median over {@value #PASSES} passes of {@value #DECISIONS} decisions, after a warm-up pass.
 */
final class MemoryDecisionCpuBenchmark {
    private static final int PASSES = 5;
    private static final int DECISIONS = 50_000;
    private static final int ACCOUNTS = 20;

    private MemoryDecisionCpuBenchmark() {
    }

    static double cpuMicrosPerDecision(ProcessCpu cpu) {
        ClientIdPolicyConfiguration policy = PolicyConfigurations.policy("clientid.mode=observe", BenchConf.SECRET);
        MemoryLimits limits = new MemoryLimits(Clock.systemUTC());
        ClientIdPolicyEngine engine = new ClientIdPolicyEngine(MemoryDeviceHistories.create(), limits, limits,
            new MemoryPasswordOnlySignIns(Clock.systemUTC()), new LastKnownPolicies(), username -> Mono.just(true), policy,
            DeviceIdFactory.withSecret(policy.getSecret()), ImmutableSet.of(), new DropWizardMetricFactory(new MetricRegistry()));
        long self = ProcessHandle.current().pid();
        double[] perPass = new double[PASSES];
        for (int pass = -1; pass < PASSES; pass++) {
            long before = cpu.cpuNanos(self);
            for (int i = 0; i < DECISIONS; i++) {
                PolicyDecision decision = engine.decide(AuthAttempt.builder()
                        .username(Username.of("user-" + (i % ACCOUNTS) + "@" + BenchAccount.DOMAIN))
                        .clientId(ClientId.of("UUID", "bench-device-" + (i % ACCOUNTS)))
                        .passwordValid(true)
                        .remoteIp("127.0.0.1")
                        .at(Instant.now())
                        .build())
                    .block();
                Preconditions.checkState(decision != null && decision.getOutcome() == PolicyDecision.Outcome.ALLOW,
                    "a decision of the memory store benchmark was %s", decision);
            }
            if (pass >= 0) {
                perPass[pass] = (cpu.cpuNanos(self) - before) / 1e3 / DECISIONS;
            }
        }
        Arrays.sort(perPass);
        return perPass[PASSES / 2];
    }
}
