package org.jamesclientid.it;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.jamesclientid.device.AccountPolicyRepository;
import org.jamesclientid.device.BlockRepository;
import org.jamesclientid.device.DeviceActivityRepository;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceRepository;
import org.jamesclientid.device.DeviceUseRepository;
import org.jamesclientid.device.MemoryAccountPolicyRepository;
import org.jamesclientid.device.MemoryBlockRepository;
import org.jamesclientid.device.MemoryDeviceActivityRepository;
import org.jamesclientid.device.MemoryDeviceRepository;
import org.jamesclientid.device.MemoryDeviceUseRepository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The memory store with an off switch: while down, every call of every repository fails as an unreachable database
 * would.
 */
@Singleton
public class SwitchableDeviceHistory extends DeviceHistory {
    private static <T> T switchable(Class<T> repository, T delegate, AtomicBoolean down) {
        return repository.cast(Proxy.newProxyInstance(repository.getClassLoader(), new Class<?>[] {repository}, (proxy, method, arguments) -> {
            if (method.getReturnType() == Mono.class) {
                return Mono.defer(() -> down.get() ? Mono.error(new IllegalStateException("device store unreachable (test)")) : invoke(method, delegate, arguments));
            }
            if (method.getReturnType() == Flux.class) {
                return Flux.defer(() -> down.get() ? Flux.error(new IllegalStateException("device store unreachable (test)")) : invoke(method, delegate, arguments));
            }
            return method.invoke(delegate, arguments);
        }));
    }

    @SuppressWarnings("unchecked")
    private static <P> P invoke(java.lang.reflect.Method method, Object delegate, Object[] arguments) {
        try {
            return (P) method.invoke(delegate, arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private final AtomicBoolean down;

    @Inject
    public SwitchableDeviceHistory(MemoryDeviceRepository devices, MemoryDeviceActivityRepository activity, MemoryBlockRepository blocks,
                                   MemoryAccountPolicyRepository policies, MemoryDeviceUseRepository uses) {
        this(devices, activity, blocks, policies, uses, new AtomicBoolean(false));
    }

    private SwitchableDeviceHistory(MemoryDeviceRepository devices, MemoryDeviceActivityRepository activity, MemoryBlockRepository blocks,
                                    MemoryAccountPolicyRepository policies, MemoryDeviceUseRepository uses, AtomicBoolean down) {
        super(switchable(DeviceRepository.class, devices, down), switchable(DeviceActivityRepository.class, activity, down),
            switchable(BlockRepository.class, blocks, down), switchable(AccountPolicyRepository.class, policies, down),
            switchable(DeviceUseRepository.class, uses, down));
        this.down = down;
    }

    public void setDown(boolean down) {
        this.down.set(down);
    }
}
