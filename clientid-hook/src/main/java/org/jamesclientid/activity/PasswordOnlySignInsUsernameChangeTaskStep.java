package org.jamesclientid.activity;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsernameChangeTaskStep;
import org.reactivestreams.Publisher;

/**
 * Moves the sign-ins without CLIENTID of an account with James' own user rename, beside
 * {@code DeviceHistoryUsernameChangeTaskStep}: only when the CLIENTID module is bound in James' own injector (see
 * {@code ClientIdJamesMultibindingsModule}).
 */
public class PasswordOnlySignInsUsernameChangeTaskStep implements UsernameChangeTaskStep {
    public static final StepName NAME = new StepName("ClientIdPasswordOnlySignInsUsernameChangeTaskStep");
    // After James' own steps (0 to 4) and the device history's (10): nothing depends on it.
    private static final int PRIORITY = 11;

    private final PasswordOnlySignIns passwordOnlySignIns;

    @Inject
    public PasswordOnlySignInsUsernameChangeTaskStep(PasswordOnlySignIns passwordOnlySignIns) {
        this.passwordOnlySignIns = passwordOnlySignIns;
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
        return passwordOnlySignIns.rename(oldUsername, newUsername);
    }
}
