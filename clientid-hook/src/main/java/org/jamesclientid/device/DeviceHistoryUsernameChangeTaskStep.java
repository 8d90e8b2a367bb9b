package org.jamesclientid.device;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsernameChangeTaskStep;
import org.reactivestreams.Publisher;

/**
 * Moves the device history of an account with James' own user rename ({@code POST /users/{old}/rename/{new}?action=rename}).
 *
 * <p>James only runs steps bound in its own injector: this one works when the CLIENTID module is bound there (see
 * {@code ClientIdJamesMultibindingsModule}), not when loaded from extensions.properties.</p>
 */
public class DeviceHistoryUsernameChangeTaskStep implements UsernameChangeTaskStep {
    public static final StepName NAME = new StepName("ClientIdDeviceHistoryUsernameChangeTaskStep");
    // After James' own steps (0 to 4): the device history depends on none of them.
    private static final int PRIORITY = 10;

    private final DeviceHistory deviceHistory;

    @Inject
    public DeviceHistoryUsernameChangeTaskStep(DeviceHistory deviceHistory) {
        this.deviceHistory = deviceHistory;
    }

    @Override
    public StepName name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Publisher<Void> changeUsername(Username oldUsername, Username newUsername) {
        return deviceHistory.rename(oldUsername, newUsername);
    }
}
