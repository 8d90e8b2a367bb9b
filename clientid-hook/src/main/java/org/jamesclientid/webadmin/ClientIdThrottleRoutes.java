package org.jamesclientid.webadmin;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.jamesclientid.limit.ThrottleAdministration;
import org.jamesclientid.webadmin.dto.ThrottleDTO;

import com.google.common.collect.ImmutableList;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Every active throttle, a page at a time: on Cassandra this reads the whole throttle table, for administrators only.
 *
 * <pre>
 * GET /clientid/throttles?limit=&amp;offset=   [{"scope", "subject", "device", "since", "until"}]
 * </pre>
 *
 * <p>{@code limit} and {@code offset} are read as James' own routes read them ({@link ListingPage}); a page holds at
 * most {@link #MAX_LIMIT} throttles, also the default.</p>
 */
public class ClientIdThrottleRoutes implements Routes {
    public static final String BASE_PATH = "/clientid/throttles";
    public static final int MAX_LIMIT = ListingPage.MAX_LIMIT;

    private final ThrottleAdministration throttleAdministration;
    private final JsonTransformer jsonTransformer;

    @Inject
    public ClientIdThrottleRoutes(ThrottleAdministration throttleAdministration, JsonTransformer jsonTransformer) {
        this.throttleAdministration = throttleAdministration;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::listThrottles, jsonTransformer);
    }

    private List<ThrottleDTO> listThrottles(Request request, Response response) {
        return ListingPage.of(request).select(throttleAdministration.active())
            .map(ThrottleDTO::from)
            .collect(ImmutableList.toImmutableList())
            .block();
    }
}
