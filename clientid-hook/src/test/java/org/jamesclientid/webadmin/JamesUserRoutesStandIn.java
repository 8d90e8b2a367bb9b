package org.jamesclientid.webadmin;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.Responses;
import org.eclipse.jetty.http.HttpStatus;

import spark.Service;

/**
 * Stands for James' user deletion and rename routes (webadmin-data UserRoutes, UsernameChangeRoutes) with their
 * success status codes, and refuses users named {@code refused@...} the way James refuses arguments. The it-tests run
 * the real ones.
 */
class JamesUserRoutesStandIn implements Routes {
    @Override
    public String getBasePath() {
        return "/users";
    }

    @Override
    public void define(Service service) {
        service.delete("/users/:userName", (request, response) -> {
            if (request.params(":userName").startsWith("refused@")) {
                // James halts with 204 when the repository refuses the deletion.
                throw ErrorResponder.builder()
                    .statusCode(HttpStatus.NO_CONTENT_204)
                    .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                    .message("The user does not exists")
                    .haltError();
            }
            return Responses.returnNoContent(response);
        });
        service.post("/users/:oldUser/rename/:newUser", (request, response) -> {
            if (request.params(":newUser").startsWith("refused@")) {
                throw new IllegalArgumentException("'newUser' parameter should be an existing user");
            }
            response.status(HttpStatus.CREATED_201);
            return "{\"taskId\":\"5641376-02ed-47bd-bcc7-76ff6262d92a\"}";
        });
    }
}
