package org.jamesclientid.webadmin;

import static org.jamesclientid.webadmin.RequestArguments.badRequest;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.util.streams.Limit;
import org.apache.james.util.streams.Offset;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.ParametersExtractor;
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
 * <p>{@code limit} and {@code offset} are read as James' own routes read them ({@link ParametersExtractor}); a page
 * holds at most {@link #MAX_LIMIT} throttles, also the default.</p>
 */
public class ClientIdThrottleRoutes implements Routes {
    public static final String BASE_PATH = "/clientid/throttles";
    public static final int MAX_LIMIT = 500;

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
        int limit = pageSize(ParametersExtractor.extractLimit(request));
        Offset offset = ParametersExtractor.extractOffset(request);
        return throttleAdministration.active()
            .skip(offset.getOffset())
            .take(limit)
            .map(ThrottleDTO::from)
            .collect(ImmutableList.toImmutableList())
            .block();
    }

    /**
     * A limit above the cap is refused rather than cut: a client paging until a short page would stop too early.
     */
    private static int pageSize(Limit limit) {
        int size = limit.getLimit().orElse(MAX_LIMIT);
        if (size > MAX_LIMIT) {
            throw badRequest("Invalid 'limit' " + size + ": at most " + MAX_LIMIT);
        }
        return size;
    }
}
