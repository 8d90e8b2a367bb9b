package org.jamesclientid.webadmin;

import static org.jamesclientid.webadmin.RequestArguments.badRequest;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import spark.Request;

/**
 * Reads a JSON request body into a DTO. Unlike James' JsonExtractor, a bad body halts with a 400 naming the field at
 * fault, and no message quotes the body: Jackson's own messages may echo part of it, e.g. a device token.
 */
final class JsonBody<T> {
    static <T> JsonBody<T> of(Class<T> type) {
        return new JsonBody<>(type);
    }

    private final Class<T> type;
    private final ObjectMapper objectMapper;

    private JsonBody(Class<T> type) {
        this.type = type;
        this.objectMapper = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION);
    }

    T parse(Request request) {
        String body = request.body();
        if (isBlank(body) && !isJson(request.contentType())) {
            // Jetty reads a body sent as a form (curl -d without a Content-Type) into parameters, leaving none here.
            throw badRequest("The request body is empty: expecting a JSON object sent with 'Content-Type: application/json'");
        }
        return parse(body);
    }

    T parse(String body) {
        if (isBlank(body)) {
            throw badRequest("The request body is empty: expecting a JSON object");
        }
        try {
            return Optional.ofNullable(objectMapper.readValue(body, type))
                .orElseThrow(() -> badRequest("The request body must be a JSON object"));
        } catch (UnrecognizedPropertyException e) {
            throw badRequest("Unknown field '" + e.getPropertyName() + "' in the request body, expecting some of: "
                + knownFields(e.getKnownPropertyIds()));
        } catch (MismatchedInputException e) {
            throw badRequest(fieldName(e)
                .map(field -> "Invalid '" + field + "': expecting " + expected(e.getTargetType()))
                .orElse("The request body must be a JSON object"));
        } catch (JsonMappingException e) {
            throw badRequest(fieldName(e)
                .map(field -> "Invalid '" + field + "'")
                .orElse("The request body does not match the expected JSON object"));
        } catch (JsonProcessingException e) {
            throw badRequest("The request body is not valid JSON" + location(e.getLocation()));
        } catch (IOException e) {
            throw badRequest("The request body could not be read");
        }
    }

    private static boolean isBlank(String body) {
        return body == null || body.isBlank();
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.US).startsWith("application/json");
    }

    private static Optional<String> fieldName(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        return path.stream()
            .map(JsonMappingException.Reference::getFieldName)
            .filter(Objects::nonNull)
            .reduce((first, second) -> second);
    }

    private static String knownFields(Collection<Object> knownPropertyIds) {
        return knownPropertyIds.stream()
            .map(String::valueOf)
            .sorted()
            .collect(Collectors.joining(", "));
    }

    private static String expected(Class<?> targetType) {
        if (targetType == Boolean.class || targetType == boolean.class) {
            return "true or false";
        }
        if (targetType == String.class) {
            return "a string";
        }
        return "a value of another type";
    }

    private static String location(JsonLocation location) {
        if (location == null) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
