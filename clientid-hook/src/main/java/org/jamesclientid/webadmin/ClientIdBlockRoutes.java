package org.jamesclientid.webadmin;

import static org.jamesclientid.webadmin.RequestArguments.notFound;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.administration.BlockAdministration;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.webadmin.dto.BlockCreationDTO;
import org.jamesclientid.webadmin.dto.BlockDTO;
import org.jamesclientid.webadmin.dto.BlockUpdateDTO;
import org.jamesclientid.webadmin.dto.DeviceIdDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The global block list: a blocked device is refused on every account (in every mode but {@code off}).
 *
 * <pre>
 * GET    /clientid/blocked?limit=&amp;offset=   [{"id", "setBy", "createdAt", "until", "reason", "active"}]
 * POST   /clientid/blocked        {"type", "token", "until"?, "reason"?}  -> 201 {"id"}
 * PUT    /clientid/blocked/{id}   {"until"?, "reason"?}  (blocks by id, e.g. one read in a log)
 * DELETE /clientid/blocked/{id}
 * </pre>
 *
 * <p>The list is paged ({@link ListingPage}) in the store's order, not sorted: sorting would read every block. It shows
 * administrators' blocks and automatic ones ({@code setBy}); an administrator's block or unblock replaces or lifts a
 * device's automatic block.</p>
 */
public class ClientIdBlockRoutes implements Routes {
    public static final String BASE_PATH = "/clientid/blocked";
    public static final String BLOCK_PATH = BASE_PATH + "/" + RequestArguments.DEVICE_ID;

    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdBlockRoutes.class);
    private static final JsonBody<BlockCreationDTO> CREATION = JsonBody.of(BlockCreationDTO.class);
    private static final JsonBody<BlockUpdateDTO> UPDATE = JsonBody.of(BlockUpdateDTO.class);

    private final BlockAdministration administration;
    private final DeviceIdFactory deviceIdFactory;
    private final JsonTransformer jsonTransformer;

    @Inject
    public ClientIdBlockRoutes(BlockAdministration administration, DeviceIdFactory deviceIdFactory, JsonTransformer jsonTransformer) {
        this.administration = administration;
        this.deviceIdFactory = deviceIdFactory;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::listBlocks, jsonTransformer);
        service.post(BASE_PATH, this::blockDevice, jsonTransformer);
        service.put(BLOCK_PATH, this::updateBlock);
        service.delete(BLOCK_PATH, this::unblock);
    }

    private List<BlockDTO> listBlocks(Request request, Response response) {
        Instant now = administration.now();
        return ListingPage.of(request).select(administration.list())
            .map(block -> BlockDTO.from(block, now))
            .collect(ImmutableList.toImmutableList())
            .block();
    }

    /**
     * Hashes the token as the SMTP side does; a device already blocked gets the new block instead.
     */
    private DeviceIdDTO blockDevice(Request request, Response response) {
        BlockCreationDTO body = CREATION.parse(request);
        ClientId clientId = RequestArguments.clientId(body.getType(), body.getToken());
        Optional<Instant> until = RequestArguments.futureInstant("until", body.getUntil(), administration.now());
        Optional<String> reason = RequestArguments.text("reason", body.getReason());
        DeviceId id = deviceIdFactory.deviceId(clientId);

        logBlock(administration.block(id, until, reason).block());

        response.status(HttpStatus.CREATED_201);
        response.header("Location", BASE_PATH + "/" + id.asString());
        return DeviceIdDTO.from(id);
    }

    /**
     * Replaces the end and reason of the block of this device, or blocks it: administrators see device ids (in
     * logs, in device lists), not tokens.
     */
    private String updateBlock(Request request, Response response) {
        DeviceId id = RequestArguments.deviceId(request);
        BlockUpdateDTO body = UPDATE.parse(request);
        Optional<Instant> until = RequestArguments.futureInstant("until", body.getUntil(), administration.now());
        Optional<String> reason = RequestArguments.text("reason", body.getReason());

        Block block = administration.update(id, until, reason).block();
        logBlock(block);
        return Responses.returnNoContent(response);
    }

    private String unblock(Request request, Response response) {
        DeviceId id = RequestArguments.deviceId(request);
        if (!administration.unblock(id).block()) {
            throw notFound("The device '" + id.asString() + "' is not blocked");
        }
        LOGGER.info("CLIENTID device {} unblocked through WebAdmin", id.asString());
        return Responses.returnNoContent(response);
    }

    private static void logBlock(Block block) {
        LOGGER.info("CLIENTID device {} blocked {} through WebAdmin", block.getDeviceId().asString(),
            block.getUntil().map(end -> "until " + end).orElse("without end"));
    }
}
