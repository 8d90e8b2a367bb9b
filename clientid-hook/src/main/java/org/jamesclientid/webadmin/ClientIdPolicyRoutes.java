package org.jamesclientid.webadmin;

import static org.jamesclientid.webadmin.RequestArguments.badRequest;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.policy.AccountPolicy;
import org.jamesclientid.policy.ClientIdMode;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.webadmin.dto.PolicyDTO;
import org.jamesclientid.core.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The CLIENTID policy of an account: the global default of clientid.properties unless overridden here.
 *
 * <pre>
 * GET    /clientid/users/{user}/policy   the policy in force
 * PUT    /clientid/users/{user}/policy   {"mode", "requireClientId"}
 * DELETE /clientid/users/{user}/policy   back to the global default
 * </pre>
 */
public class ClientIdPolicyRoutes implements Routes {
    public static final String BASE_PATH = "/clientid/users";
    public static final String POLICY_PATH = BASE_PATH + "/" + RequestArguments.USER + "/policy";

    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdPolicyRoutes.class);
    private static final JsonBody<PolicyDTO> POLICY = JsonBody.of(PolicyDTO.class);

    private final DeviceHistory deviceHistory;
    private final ClientIdPolicyConfiguration configuration;
    private final UsersRepository usersRepository;
    private final JsonTransformer jsonTransformer;

    @Inject
    public ClientIdPolicyRoutes(DeviceHistory deviceHistory, ClientIdPolicyConfiguration configuration,
                                UsersRepository usersRepository, JsonTransformer jsonTransformer) {
        this.deviceHistory = deviceHistory;
        this.configuration = configuration;
        this.usersRepository = usersRepository;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(POLICY_PATH, this::getPolicy, jsonTransformer);
        service.put(POLICY_PATH, this::setPolicy);
        service.delete(POLICY_PATH, this::clearPolicy);
    }

    private PolicyDTO getPolicy(Request request, Response response) throws UsersRepositoryException {
        Username username = RequestArguments.existingUser(request, usersRepository);
        return PolicyDTO.from(deviceHistory.policy(username)
            .blockOptional()
            .orElse(configuration.getDefaultPolicy()));
    }

    private String setPolicy(Request request, Response response) throws UsersRepositoryException {
        Username username = RequestArguments.existingUser(request, usersRepository);
        PolicyDTO body = POLICY.parse(request);
        AccountPolicy policy = AccountPolicy.of(mode(body.getMode()), RequestArguments.mandatory("requireClientId", body.getRequireClientId()));
        deviceHistory.setPolicy(username, policy).block();
        LOGGER.info("CLIENTID policy of {} set to mode {}, requireClientId {} through WebAdmin", LogText.quoted(username.asString()),
            policy.getMode().asString(), policy.isRequireClientId());
        return Responses.returnNoContent(response);
    }

    private String clearPolicy(Request request, Response response) throws UsersRepositoryException {
        Username username = RequestArguments.existingUser(request, usersRepository);
        deviceHistory.clearPolicy(username).block();
        LOGGER.info("CLIENTID policy of {} back to the global default through WebAdmin", LogText.quoted(username.asString()));
        return Responses.returnNoContent(response);
    }

    private static ClientIdMode mode(String value) {
        try {
            return ClientIdMode.parse(RequestArguments.mandatory("mode", value));
        } catch (IllegalArgumentException e) {
            throw badRequest("Invalid 'mode': " + e.getMessage());
        }
    }
}
