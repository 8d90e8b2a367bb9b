package org.jamesclientid.guice;

import org.apache.james.user.api.UsernameChangeTaskStep;
import org.apache.james.webadmin.mdc.RequestLogger;
import org.jamesclientid.activity.PasswordOnlySignInsUsernameChangeTaskStep;
import org.jamesclientid.device.DeviceHistoryUsernameChangeTaskStep;
import org.jamesclientid.webadmin.ClientIdRequestLogger;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/**
 * Adds CLIENTID to sets James owns: its user rename steps and its WebAdmin request loggers.
 *
 * <p>Only for a James server assembled with the CLIENTID modules in its own injector (a custom main class, tests:
 * {@code GuiceJamesServer.combineWith(new ClientIdMemoryModule(), new ClientIdJamesMultibindingsModule())}). It
 * cannot be listed in extensions.properties: James builds a child injector from those modules, whose additions to
 * these sets James never sees (docs/webadmin.md, "User lifecycle").</p>
 */
public class ClientIdJamesMultibindingsModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder<UsernameChangeTaskStep> usernameChangeSteps = Multibinder.newSetBinder(binder(), UsernameChangeTaskStep.class);
        usernameChangeSteps.addBinding().to(DeviceHistoryUsernameChangeTaskStep.class);
        usernameChangeSteps.addBinding().to(PasswordOnlySignInsUsernameChangeTaskStep.class);
        Multibinder.newSetBinder(binder(), RequestLogger.class)
            .addBinding().to(ClientIdRequestLogger.class);
    }
}
