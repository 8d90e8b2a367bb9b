package org.jamesclientid.webadmin;

import java.util.Comparator;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.jamesclientid.core.LogText;
import org.jamesclientid.limit.Throttle;
import org.jamesclientid.limit.ThrottleAdministration;
import org.jamesclientid.webadmin.dto.AccountThrottleDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The throttles the failure limits set on an account (for what it does not trust) and on its devices.
 *
 * <pre>
 * GET    /clientid/users/{user}/throttles   [{"scope": "device-on-account" | "account", "device", "since", "until"}]
 * DELETE /clientid/users/{user}/throttles   lift them and start their failure counts over
 * </pre>
 */
public class ClientIdAccountThrottleRoutes implements Routes {
    public static final String BASE_PATH = "/clientid/users";
    public static final String THROTTLES_PATH = BASE_PATH + "/" + RequestArguments.USER + "/throttles";

    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdAccountThrottleRoutes.class);
    // The account's own first, then its devices, each ending last first.
    private static final Comparator<Throttle> ACCOUNT_FIRST = Comparator.<Throttle, Boolean>comparing(throttle -> throttle.getKey().deviceId().isPresent())
        .thenComparing(Comparator.comparing(Throttle::getUntil).reversed())
        .thenComparing(throttle -> throttle.getKey().asString());

    private final ThrottleAdministration throttleAdministration;
    private final UsersRepository usersRepository;
    private final JsonTransformer jsonTransformer;

    @Inject
    public ClientIdAccountThrottleRoutes(ThrottleAdministration throttleAdministration, UsersRepository usersRepository,
                                         JsonTransformer jsonTransformer) {
        this.throttleAdministration = throttleAdministration;
        this.usersRepository = usersRepository;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(THROTTLES_PATH, this::listThrottles, jsonTransformer);
        service.delete(THROTTLES_PATH, this::liftThrottles);
    }

    private List<AccountThrottleDTO> listThrottles(Request request, Response response) throws UsersRepositoryException {
        Username username = RequestArguments.existingUser(request, usersRepository);
        return throttleAdministration.activeOfAccount(username)
            .sort(ACCOUNT_FIRST)
            .map(AccountThrottleDTO::from)
            .collect(ImmutableList.toImmutableList())
            .block();
    }

    private String liftThrottles(Request request, Response response) throws UsersRepositoryException {
        Username username = RequestArguments.existingUser(request, usersRepository);
        throttleAdministration.liftAccount(username).block();
        LOGGER.info("CLIENTID throttles of {} and its devices lifted through WebAdmin", LogText.quoted(username.asString()));
        return Responses.returnNoContent(response);
    }
}
