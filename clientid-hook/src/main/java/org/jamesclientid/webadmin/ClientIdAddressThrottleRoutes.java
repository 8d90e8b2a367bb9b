package org.jamesclientid.webadmin;

import static org.jamesclientid.webadmin.RequestArguments.notFound;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.jamesclientid.core.LogText;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.ThrottleAdministration;
import org.jamesclientid.webadmin.dto.AddressThrottleDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The throttle the per-address failure limit set on a remote address: an IPv4 address, or the /64 holding an IPv6
 * one (any address of the /64 names it).
 *
 * <pre>
 * GET    /clientid/addresses/{address}/throttle   {"address", "since", "until"}, 404 when none is active
 * DELETE /clientid/addresses/{address}/throttle   lift it and start its failure count over
 * </pre>
 */
public class ClientIdAddressThrottleRoutes implements Routes {
    public static final String BASE_PATH = "/clientid/addresses";
    public static final String THROTTLE_PATH = BASE_PATH + "/" + RequestArguments.ADDRESS + "/throttle";

    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdAddressThrottleRoutes.class);

    private final ThrottleAdministration throttleAdministration;
    private final JsonTransformer jsonTransformer;

    @Inject
    public ClientIdAddressThrottleRoutes(ThrottleAdministration throttleAdministration, JsonTransformer jsonTransformer) {
        this.throttleAdministration = throttleAdministration;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(THROTTLE_PATH, this::getThrottle, jsonTransformer);
        service.delete(THROTTLE_PATH, this::liftThrottle);
    }

    private AddressThrottleDTO getThrottle(Request request, Response response) {
        String address = RequestArguments.address(request);
        return throttleAdministration.activeOfAddress(address)
            .map(AddressThrottleDTO::from)
            .blockOptional()
            .orElseThrow(() -> notFound("The address '" + LimitKey.addressPrefix(address) + "' is not throttled"));
    }

    private String liftThrottle(Request request, Response response) {
        String address = RequestArguments.address(request);
        throttleAdministration.liftAddress(address).block();
        LOGGER.info("CLIENTID throttle of the address {} lifted through WebAdmin", LogText.quoted(LimitKey.addressPrefix(address)));
        return Responses.returnNoContent(response);
    }
}
