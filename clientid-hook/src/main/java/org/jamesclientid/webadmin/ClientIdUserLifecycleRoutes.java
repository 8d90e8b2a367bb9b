package org.jamesclientid.webadmin;

import static org.jamesclientid.webadmin.RequestArguments.badRequest;

import java.util.Set;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsernameChangeTaskStep;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.Responses;
import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.core.LogText;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceHistoryUsernameChangeTaskStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.net.UrlEscapers;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Keeps the device history, and the record of sign-ins without CLIENTID, in step with James' users.
 *
 * <p>James 3.8.1 cannot run steps of an extension loaded from extensions.properties when it renames a user, and has no
 * user data deletion hook. So this class:</p>
 * <ul>
 *     <li>follows James' own WebAdmin routes: after a successful {@code DELETE /users/{user}} it deletes the user's
 *     device history and sign-ins without CLIENTID; after James accepted {@code POST /users/{old}/rename/{new}?action=rename} it moves it (unless
 *     {@link DeviceHistoryUsernameChangeTaskStep} is bound in James' injector: then James' rename task does it);</li>
 *     <li>offers the same as routes of its own, for users deleted or renamed another way (CLI, JMX):
 *     <pre>
 * DELETE /clientid/users/{user}                   forget the user's devices, policy, device uses and sign-ins without CLIENTID
 * POST   /clientid/users/{user}/rename/{newUser}  move them (and the sign-ins without CLIENTID) to newUser, which must exist
 *     </pre></li>
 * </ul>
 */
public class ClientIdUserLifecycleRoutes implements Routes {
    public static final String BASE_PATH = "/clientid/users";
    public static final String USER_PATH = BASE_PATH + "/" + RequestArguments.USER;
    public static final String RENAME_PATH = USER_PATH + "/rename/" + RequestArguments.NEW_USER;
    // James' own routes (webadmin-data UserRoutes and UsernameChangeRoutes).
    static final String JAMES_USER_PATH = "/users/:userName";
    static final String JAMES_RENAME_PATH = "/users/:oldUser/rename/:newUser";

    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdUserLifecycleRoutes.class);

    private final DeviceHistory deviceHistory;
    private final PasswordOnlySignIns passwordOnlySignIns;
    private final UsersRepository usersRepository;
    private final boolean jamesRenameTaskMovesDevices;

    @Inject
    public ClientIdUserLifecycleRoutes(DeviceHistory deviceHistory, PasswordOnlySignIns passwordOnlySignIns,
                                       UsersRepository usersRepository, Set<UsernameChangeTaskStep> jamesUsernameChangeSteps) {
        this.deviceHistory = deviceHistory;
        this.passwordOnlySignIns = passwordOnlySignIns;
        this.usersRepository = usersRepository;
        this.jamesRenameTaskMovesDevices = jamesUsernameChangeSteps.stream()
            .anyMatch(DeviceHistoryUsernameChangeTaskStep.class::isInstance);
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.delete(USER_PATH, this::deleteUserData);
        service.post(RENAME_PATH, this::renameUser);

        // After-filters run only when James' route completed without error or halt.
        service.after(JAMES_USER_PATH, this::afterJamesUserDeletion);
        if (!jamesRenameTaskMovesDevices) {
            service.after(JAMES_RENAME_PATH, this::afterJamesRenameAccepted);
        }
    }

    /**
     * Works for a user James no longer knows: deleting the user in James first is the usual order.
     */
    private String deleteUserData(Request request, Response response) {
        Username username = RequestArguments.username(request, RequestArguments.USER);
        deleteAll(username);
        LOGGER.info("CLIENTID device history of {} deleted through WebAdmin", LogText.quoted(username.asString()));
        return Responses.returnNoContent(response);
    }

    /**
     * The old user need not exist any more (James' rename keeps it, administrators then delete it).
     */
    private String renameUser(Request request, Response response) throws UsersRepositoryException {
        Username oldUser = RequestArguments.username(request, RequestArguments.USER);
        Username newUser = RequestArguments.username(request, RequestArguments.NEW_USER);
        if (oldUser.equals(newUser)) {
            throw badRequest("'user' and 'newUser' are the same user '" + oldUser.asString() + "'");
        }
        RequestArguments.existingUser(newUser, usersRepository);
        rename(oldUser, newUser);
        LOGGER.info("CLIENTID device history of {} moved to {} through WebAdmin", LogText.quoted(oldUser.asString()), LogText.quoted(newUser.asString()));
        return Responses.returnNoContent(response);
    }

    private void afterJamesUserDeletion(Request request, Response response) {
        if (!request.requestMethod().equals("DELETE") || response.status() != HttpStatus.NO_CONTENT_204) {
            return;
        }
        Username username = Username.of(request.params(":userName"));
        try {
            deleteAll(username);
            LOGGER.info("CLIENTID device history of {} deleted with the user", LogText.quoted(username.asString()));
        } catch (RuntimeException e) {
            // James deleted the user: its answer stands, the administrator finishes the job.
            LOGGER.error("CLIENTID device history of the deleted user {} could not be deleted; retry with DELETE {}/{}",
                LogText.quoted(username.asString()), BASE_PATH, pathSegment(username), e);
        }
    }

    private void afterJamesRenameAccepted(Request request, Response response) {
        if (!request.requestMethod().equals("POST") || response.status() != HttpStatus.CREATED_201) {
            return;
        }
        Username oldUser = Username.of(request.params(":oldUser"));
        Username newUser = Username.of(request.params(":newUser"));
        try {
            rename(oldUser, newUser);
            LOGGER.info("CLIENTID device history of {} moved to {} with James' user rename", LogText.quoted(oldUser.asString()), LogText.quoted(newUser.asString()));
        } catch (RuntimeException e) {
            LOGGER.error("CLIENTID device history of {} could not be moved to {}; retry with POST {}/{}/rename/{}",
                LogText.quoted(oldUser.asString()), LogText.quoted(newUser.asString()), BASE_PATH, pathSegment(oldUser), pathSegment(newUser), e);
        }
    }

    /**
     * A username as it goes in the retry command's path: escaped, so that it can neither break the log line nor
     * change the command.
     */
    private static String pathSegment(Username username) {
        return UrlEscapers.urlPathSegmentEscaper().escape(username.asString());
    }

    /**
     * The sign-ins without CLIENTID last: after a failure half-way, the device history (what decides sign-ins) is gone
     * or the whole deletion can be retried.
     */
    private void deleteAll(Username username) {
        deviceHistory.deleteAll(username)
            .then(passwordOnlySignIns.deleteAll(username))
            .block();
    }

    private void rename(Username oldUser, Username newUser) {
        deviceHistory.rename(oldUser, newUser)
            .then(passwordOnlySignIns.rename(oldUser, newUser))
            .block();
    }
}
