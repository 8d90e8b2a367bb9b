package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;

import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What James 3.8.1 does with CLIENTID modules listed in extensions.properties: it builds a child injector from them,
 * so they cannot add to sets James owns (docs/webadmin.md, "User lifecycle").
 */
class ClientIdExtensionLoadingTest {
    @Test
    void jamesShouldRefuseToStartWhenMultibindingsModuleListedInExtensionsProperties(@TempDir File workingDirectory) {
        GuiceJamesServer server = ClientIdJamesServers.builder()
            .editConf("extensions.properties", content -> content.replace(
                "guice.extension.module=org.jamesclientid.guice.ClientIdMemoryModule",
                "guice.extension.module=org.jamesclientid.guice.ClientIdMemoryModule,org.jamesclientid.guice.ClientIdJamesMultibindingsModule"))
            .server(workingDirectory);
        try {
            assertThatThrownBy(server::start)
                .hasStackTraceContaining("Set<UsernameChangeTaskStep> was bound multiple times");
        } finally {
            server.stop();
        }
    }
}
