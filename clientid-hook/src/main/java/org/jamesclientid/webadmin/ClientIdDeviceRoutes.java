package org.jamesclientid.webadmin;

import static org.jamesclientid.webadmin.RequestArguments.badRequest;
import static org.jamesclientid.webadmin.RequestArguments.notFound;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.administration.DeviceAdministration;
import org.jamesclientid.administration.DeviceView;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.core.LogText;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.webadmin.dto.DeviceDTO;
import org.jamesclientid.webadmin.dto.DeviceEnrolmentDTO;
import org.jamesclientid.webadmin.dto.DeviceUpdateDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The devices of an account: list, enrol out of band, approve or revoke, forget.
 *
 * <pre>
 * GET    /clientid/users/{user}/devices?limit=&amp;offset=
 * POST   /clientid/users/{user}/devices        {"type", "token", "label"?}
 * PUT    /clientid/users/{user}/devices/{id}   {"status": "trusted" | "revoked", "until"?, "label"?}
 * DELETE /clientid/users/{user}/devices/{id}
 * </pre>
 *
 * <p>The list is paged ({@link ListingPage}) in the store's order, not sorted: sorting would read every device of
 * the account.</p>
 */
public class ClientIdDeviceRoutes implements Routes {
    public static final String BASE_PATH = "/clientid/users";
    public static final String DEVICES_PATH = BASE_PATH + "/" + RequestArguments.USER + "/devices";
    public static final String DEVICE_PATH = DEVICES_PATH + "/" + RequestArguments.DEVICE_ID;

    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdDeviceRoutes.class);
    private static final JsonBody<DeviceEnrolmentDTO> ENROLMENT = JsonBody.of(DeviceEnrolmentDTO.class);
    private static final JsonBody<DeviceUpdateDTO> UPDATE = JsonBody.of(DeviceUpdateDTO.class);

    private final DeviceAdministration administration;
    private final UsersRepository usersRepository;
    private final JsonTransformer jsonTransformer;

    @Inject
    public ClientIdDeviceRoutes(DeviceAdministration administration, UsersRepository usersRepository, JsonTransformer jsonTransformer) {
        this.administration = administration;
        this.usersRepository = usersRepository;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(DEVICES_PATH, this::listDevices, jsonTransformer);
        service.post(DEVICES_PATH, this::enrollDevice, jsonTransformer);
        service.put(DEVICE_PATH, this::updateDevice);
        service.delete(DEVICE_PATH, this::deleteDevice);
    }

    private List<DeviceDTO> listDevices(Request request, Response response) throws UsersRepositoryException {
        Username username = RequestArguments.existingUser(request, usersRepository);
        Instant now = administration.now();
        return ListingPage.of(request).select(administration.devices(username))
            .map(device -> DeviceDTO.from(device, now))
            .collect(ImmutableList.toImmutableList())
            .block();
    }

    /**
     * The token is hashed exactly as when a client presents it over SMTP, so that the device then matches. An
     * already known device keeps its history and becomes trusted.
     */
    private DeviceDTO enrollDevice(Request request, Response response) throws UsersRepositoryException {
        Username username = RequestArguments.existingUser(request, usersRepository);
        DeviceEnrolmentDTO body = ENROLMENT.parse(request);
        ClientId clientId = RequestArguments.clientId(body.getType(), body.getToken());
        Optional<String> label = RequestArguments.text("label", body.getLabel());

        DeviceView enrolled = administration.enrol(username, clientId, label).block();
        DeviceId id = enrolled.getDevice().getId();
        LOGGER.info("CLIENTID device {} of type {} enrolled as trusted for {} through WebAdmin", id.asString(), clientId.getType(), LogText.quoted(username.asString()));

        response.status(HttpStatus.CREATED_201);
        response.header("Location", devicePath(username, id));
        return DeviceDTO.from(enrolled, administration.now());
    }

    private String updateDevice(Request request, Response response) throws UsersRepositoryException {
        Username username = RequestArguments.existingUser(request, usersRepository);
        DeviceId id = RequestArguments.deviceId(request);
        DeviceUpdateDTO body = UPDATE.parse(request);
        Instant now = administration.now();
        DeviceStatus status = status(body.getStatus());
        Optional<Instant> until = RequestArguments.futureInstant("until", body.getUntil(), now);
        if (until.isPresent() && status != DeviceStatus.REVOKED) {
            throw badRequest("'until' only applies to a revoked device");
        }
        // Empty: keep the label; an empty label: remove it.
        Optional<Optional<String>> newLabel = body.getLabel().map(text -> RequestArguments.text("label", Optional.of(text)));

        StatusChange change = status == DeviceStatus.TRUSTED
            ? StatusChange.trusted(Actor.ADMINISTRATOR, now)
            : StatusChange.revoked(until, Actor.ADMINISTRATOR, now);
        if (!administration.changeStatus(username, id, change).block()) {
            throw unknownDevice(username, id);
        }
        newLabel.ifPresent(label -> administration.setLabel(username, id, label).block());
        LOGGER.info("CLIENTID device {} of {} set {}{} through WebAdmin", id.asString(), LogText.quoted(username.asString()), status.asString(),
            until.map(end -> " until " + end).orElse(""));
        return Responses.returnNoContent(response);
    }

    private String deleteDevice(Request request, Response response) throws UsersRepositoryException {
        Username username = RequestArguments.existingUser(request, usersRepository);
        DeviceId id = RequestArguments.deviceId(request);
        if (!administration.delete(username, id).block()) {
            throw unknownDevice(username, id);
        }
        LOGGER.info("CLIENTID device {} of {} forgotten through WebAdmin", id.asString(), LogText.quoted(username.asString()));
        return Responses.returnNoContent(response);
    }

    /**
     * Administrators approve ({@code trusted}) or refuse ({@code revoked}); {@code pending} is the policy's own.
     */
    private static DeviceStatus status(String value) {
        DeviceStatus status;
        try {
            status = DeviceStatus.parse(RequestArguments.mandatory("status", value));
        } catch (IllegalArgumentException e) {
            throw badRequest("Invalid 'status': " + e.getMessage());
        }
        if (status == DeviceStatus.PENDING) {
            throw badRequest("Invalid 'status' 'pending': approve a device with 'trusted' or refuse it with 'revoked'");
        }
        return status;
    }

    private static RuntimeException unknownDevice(Username username, DeviceId id) {
        return notFound("The device '" + id.asString() + "' is not known for the user '" + username.asString() + "'");
    }

    private static String devicePath(Username username, DeviceId id) {
        return BASE_PATH + "/" + username.asString() + "/devices/" + id.asString();
    }
}
