package org.jamesclientid.webadmin;

import static org.jamesclientid.webadmin.RequestArguments.badRequest;
import static org.jamesclientid.webadmin.RequestArguments.notFound;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
import org.jamesclientid.administration.RevokeAllDevices;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.core.LogText;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.webadmin.dto.DeviceDTO;
import org.jamesclientid.webadmin.dto.DeviceEnrolmentDTO;
import org.jamesclientid.webadmin.dto.DeviceUpdateDTO;
import org.jamesclientid.webadmin.dto.RevokeAllDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;

import reactor.core.publisher.Flux;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The devices of an account: list, enrol out of band, approve or revoke, forget.
 *
 * <pre>
 * GET    /clientid/users/{user}/devices?limit=&amp;offset=
 * POST   /clientid/users/{user}/devices        {"type", "token", "label"?}
 * POST   /clientid/users/{user}/devices?action=revokeAll   {"keep": [id, ...]}?
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
    private static final JsonBody<RevokeAllDTO> REVOKE_ALL_BODY = JsonBody.of(RevokeAllDTO.class);
    private static final String ACTION = "action";
    private static final String REVOKE_ALL = "revokeAll";

    private final DeviceAdministration administration;
    private final UsersRepository usersRepository;
    private final JsonTransformer jsonTransformer;
    private final RevokeAllDevices revokeAllDevices;

    @Inject
    public ClientIdDeviceRoutes(DeviceAdministration administration, UsersRepository usersRepository, JsonTransformer jsonTransformer,
                                RevokeAllDevices revokeAllDevices) {
        this.administration = administration;
        this.revokeAllDevices = revokeAllDevices;
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
        service.post(DEVICES_PATH, this::enrollOrRevokeAll, jsonTransformer);
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

    private Object enrollOrRevokeAll(Request request, Response response) throws UsersRepositoryException {
        String action = action(request);
        if (action == null) {
            return enrollDevice(request, response);
        }
        if (action.equals(REVOKE_ALL)) {
            return revokeAll(request);
        }
        throw badRequest("Invalid 'action' '" + action + "': the only action is '" + REVOKE_ALL + "'");
    }

    /**
     * After a compromise: every device of the account not named in {@code keep} is revoked for good. Answers the
     * devices revoked by this request.
     */
    private Map<String, List<DeviceDTO>> revokeAll(Request request) throws UsersRepositoryException {
        Username username = RequestArguments.existingUser(request, usersRepository);
        RevokeAllDTO body = isBlank(request.body()) ? new RevokeAllDTO(null) : REVOKE_ALL_BODY.parse(request);
        Set<DeviceId> keep = body.getKeep().stream()
            .map(id -> {
                try {
                    return DeviceId.of(id);
                } catch (IllegalArgumentException e) {
                    throw badRequest("Invalid 'keep': " + e.getMessage());
                }
            })
            .collect(ImmutableSet.toImmutableSet());
        Instant now = administration.now();
        try {
            List<DeviceDTO> revoked = revokeAllDevices.revokeAll(username, keep, Actor.ADMINISTRATOR)
                .flatMapMany(Flux::fromIterable)
                .concatMap(device -> administration.device(username, device.getId()))
                .map(device -> DeviceDTO.from(device, now))
                .collect(ImmutableList.toImmutableList())
                .block();
            return ImmutableMap.of("revoked", revoked);
        } catch (RevokeAllDevices.UnknownDevicesException e) {
            throw badRequest("Invalid 'keep': not devices of the user '" + username.asString() + "': "
                + e.getUnknown().stream().map(DeviceId::asString).sorted().collect(Collectors.joining(", ")) + "; nothing was revoked");
        }
    }

    /**
     * From the query string only: {@code request.queryParams} would also read a form-encoded body into parameters
     * (and Jetty's debug log would show it), which for an enrolment holds a device token.
     */
    private static String action(Request request) {
        return Optional.ofNullable(request.queryString()).stream()
            .flatMap(query -> Splitter.on('&').splitToStream(query))
            .filter(parameter -> parameter.startsWith(ACTION + "="))
            .map(parameter -> URLDecoder.decode(parameter.substring(ACTION.length() + 1), StandardCharsets.UTF_8))
            .findFirst()
            .orElse(null);
    }

    private static boolean isBlank(String body) {
        return body == null || body.isBlank();
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

        boolean known = status == DeviceStatus.TRUSTED
            ? administration.approve(username, id).block()
            : administration.revoke(username, id, until).block();
        if (!known) {
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
