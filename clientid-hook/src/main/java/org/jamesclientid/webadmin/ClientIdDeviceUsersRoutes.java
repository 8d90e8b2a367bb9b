package org.jamesclientid.webadmin;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.jamesclientid.administration.DeviceAdministration;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.webadmin.dto.AccountUseDTO;

import com.google.common.collect.ImmutableList;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The accounts a device was used with, whatever their policy: spots a device shared between accounts.
 *
 * <pre>
 * GET /clientid/devices/{id}/users?limit=&amp;offset=   [{"username", "lastSeen"}]
 * </pre>
 *
 * <p>The list is paged ({@link ListingPage}) in the store's order, not sorted: sorting would read every account.</p>
 */
public class ClientIdDeviceUsersRoutes implements Routes {
    public static final String BASE_PATH = "/clientid/devices";
    public static final String DEVICE_USERS_PATH = BASE_PATH + "/" + RequestArguments.DEVICE_ID + "/users";

    private final DeviceAdministration administration;
    private final JsonTransformer jsonTransformer;

    @Inject
    public ClientIdDeviceUsersRoutes(DeviceAdministration administration, JsonTransformer jsonTransformer) {
        this.administration = administration;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(DEVICE_USERS_PATH, this::listUsers, jsonTransformer);
    }

    /**
     * A well-formed id that no account used gives an empty list: device ids are not registered anywhere else.
     */
    private List<AccountUseDTO> listUsers(Request request, Response response) {
        DeviceId id = RequestArguments.deviceId(request);
        return ListingPage.of(request).select(administration.accounts(id))
            .map(AccountUseDTO::from)
            .collect(ImmutableList.toImmutableList())
            .block();
    }
}
