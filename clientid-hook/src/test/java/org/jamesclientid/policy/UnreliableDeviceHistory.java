package org.jamesclientid.policy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;

import org.jamesclientid.device.AccountPolicyRepository;
import org.jamesclientid.device.BlockRepository;
import org.jamesclientid.device.DeviceActivityRepository;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceRepository;
import org.jamesclientid.device.DeviceUseRepository;

import com.google.common.collect.ImmutableSet;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link DeviceHistory} whose chosen operations fail, or never answer, like a store that is down or overloaded.
 * Operations are named {@code <repository>.<method>}: {@code devices.device}, {@code blocks.blocks},
 * {@code policies.policy}, {@code activity.record}, {@code uses.accounts}...
 */
class UnreliableDeviceHistory extends DeviceHistory {
    enum Failure {
        ERROR,
        NO_ANSWER,
        /** Throws from the method itself instead of signalling an error. */
        THROW
    }

    static final String EVERYTHING = "*";

    /**
     * @param operations the operations that fail, or {@link #EVERYTHING}
     */
    UnreliableDeviceHistory(DeviceHistory delegate, Failure failure, String... operations) {
        super(unreliable(DeviceRepository.class, "devices", delegate.devices(), failure, operations),
            unreliable(DeviceActivityRepository.class, "activity", delegate.activity(), failure, operations),
            unreliable(BlockRepository.class, "blocks", delegate.blocks(), failure, operations),
            unreliable(AccountPolicyRepository.class, "policies", delegate.policies(), failure, operations),
            unreliable(DeviceUseRepository.class, "uses", delegate.uses(), failure, operations));
    }

    private static <T> T unreliable(Class<T> repository, String name, T delegate, Failure failure, String... operations) {
        Set<String> failing = ImmutableSet.copyOf(operations);
        InvocationHandler handler = (proxy, method, arguments) -> {
            String operation = name + "." + method.getName();
            boolean fails = failing.contains(operation) || failing.contains(EVERYTHING);
            if (fails && failure == Failure.THROW) {
                throw new IllegalStateException("Session closed during " + operation);
            }
            Object result;
            try {
                result = method.invoke(delegate, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (!fails) {
                return result;
            }
            Mono<Object> failed = failure == Failure.ERROR
                ? Mono.error(new RuntimeException("Cassandra timeout during " + operation))
                : Mono.never();
            return method.getReturnType() == Flux.class ? failed.flux() : failed;
        };
        return repository.cast(Proxy.newProxyInstance(repository.getClassLoader(), new Class<?>[] {repository}, handler));
    }
}
