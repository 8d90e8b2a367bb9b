package org.jamesclientid.webadmin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.jamesclientid.activity.PasswordOnlySignIn;
import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.webadmin.dto.PasswordOnlySignInDTO;

import com.google.common.collect.ImmutableList;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The recent successful sign-ins of an account without CLIENTID: what an operator reads before requiring CLIENTID of
 * the account (a webmail, an old client would be cut off).
 *
 * <pre>
 * GET /clientid/users/{user}/password-only-signins   [{"protocol", "mechanism", "count", "lastSeen", "lastIp"}]
 * </pre>
 */
public class ClientIdPasswordOnlySignInRoutes implements Routes {
    public static final String BASE_PATH = "/clientid/users";
    public static final String SIGN_INS_PATH = BASE_PATH + "/" + RequestArguments.USER + "/password-only-signins";

    // The 30 days of the store: today (UTC) and the 29 days before.
    private static final Duration SHOWN = Duration.ofDays(PasswordOnlySignIns.RETENTION_DAYS - 1);
    private static final Comparator<PasswordOnlySignIn> LATEST_FIRST = Comparator.comparing(PasswordOnlySignIn::getLastAt).reversed()
        .thenComparing(signIns -> signIns.getProtocol().asString())
        .thenComparing(PasswordOnlySignIn::getMechanism);

    private final PasswordOnlySignIns passwordOnlySignIns;
    private final UsersRepository usersRepository;
    private final JsonTransformer jsonTransformer;
    private final Clock clock;

    @Inject
    public ClientIdPasswordOnlySignInRoutes(PasswordOnlySignIns passwordOnlySignIns, UsersRepository usersRepository,
                                            JsonTransformer jsonTransformer, Clock clock) {
        this.passwordOnlySignIns = passwordOnlySignIns;
        this.usersRepository = usersRepository;
        this.jsonTransformer = jsonTransformer;
        this.clock = clock;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(SIGN_INS_PATH, this::listSignIns, jsonTransformer);
    }

    private List<PasswordOnlySignInDTO> listSignIns(Request request, Response response) throws UsersRepositoryException {
        Username username = RequestArguments.existingUser(request, usersRepository);
        Instant since = clock.instant().minus(SHOWN);
        return passwordOnlySignIns.since(username, since)
            .sort(LATEST_FIRST)
            .map(PasswordOnlySignInDTO::from)
            .collect(ImmutableList.toImmutableList())
            .block();
    }
}
