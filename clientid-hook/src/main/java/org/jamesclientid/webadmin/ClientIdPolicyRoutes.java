package org.jamesclientid.webadmin;

import static org.jamesclientid.webadmin.RequestArguments.badRequest;

import java.util.Arrays;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.core.LogText;
import org.jamesclientid.core.Protocol;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.LastKnownPolicies;
import org.jamesclientid.webadmin.dto.PolicyDTO;
import org.jamesclientid.webadmin.dto.PolicyInForceDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableMap;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The CLIENTID policy of an account: the global default of clientid.properties unless overridden here.
 *
 * <pre>
 * GET    /clientid/users/{user}/policy   the policy in force, with where each part comes from
 * PUT    /clientid/users/{user}/policy   {"mode", "requireClientId"?} (without it, the global value applies)
 * DELETE /clientid/users/{user}/policy   back to the global default
 * </pre>
 */
public class ClientIdPolicyRoutes implements Routes {
    public static final String BASE_PATH = "/clientid/users";
    public static final String POLICY_PATH = BASE_PATH + "/" + RequestArguments.USER + "/policy";

    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdPolicyRoutes.class);
    private static final JsonBody<PolicyDTO> POLICY = JsonBody.of(PolicyDTO.class);

    private final DeviceHistory deviceHistory;
    private final LastKnownPolicies lastKnownPolicies;
    private final ClientIdPolicyConfiguration configuration;
    private final UsersRepository usersRepository;
    private final JsonTransformer jsonTransformer;

    @Inject
    public ClientIdPolicyRoutes(DeviceHistory deviceHistory, LastKnownPolicies lastKnownPolicies, ClientIdPolicyConfiguration configuration,
                                UsersRepository usersRepository, JsonTransformer jsonTransformer) {
        this.deviceHistory = deviceHistory;
        this.lastKnownPolicies = lastKnownPolicies;
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

    private PolicyInForceDTO getPolicy(Request request, Response response) throws UsersRepositoryException {
        Username username = RequestArguments.existingUser(request, usersRepository);
        Optional<AccountPolicy> override = deviceHistory.policies().policy(username).blockOptional();
        lastKnownPolicies.learn(username, override);
        return PolicyInForceDTO.from(Arrays.stream(Protocol.values())
            .collect(ImmutableMap.toImmutableMap(protocol -> protocol, protocol -> configuration.inForce(override, protocol))));
    }

    private String setPolicy(Request request, Response response) throws UsersRepositoryException {
        Username username = RequestArguments.existingUser(request, usersRepository);
        PolicyDTO body = POLICY.parse(request);
        AccountPolicy policy = AccountPolicy.of(mode(body.getMode()), Optional.ofNullable(body.getRequireClientId()));
        deviceHistory.policies().setPolicy(username, policy).block();
        // This node knows at once: a strict account stays strict if the store fails right after.
        lastKnownPolicies.learn(username, Optional.of(policy));
        LOGGER.info("CLIENTID policy of {} set to mode {}, requireClientId {} through WebAdmin", LogText.quoted(username.asString()),
            policy.getMode().asString(), policy.getRequireClientId().map(String::valueOf).orElse("global"));
        return Responses.returnNoContent(response);
    }

    private String clearPolicy(Request request, Response response) throws UsersRepositoryException {
        Username username = RequestArguments.existingUser(request, usersRepository);
        deviceHistory.policies().clearPolicy(username).block();
        lastKnownPolicies.learn(username, Optional.empty());
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
