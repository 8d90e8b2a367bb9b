package org.jamesclientid.policy;

import org.jamesclientid.core.LogText;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * Says in the log what an AUTH decision could not record. The caller turns the error into a store-unavailable
 * decision; this line names what is missing from the history.
 */
final class FailedWrites {
    private FailedWrites() {
    }

    /**
     * @param deviceForLog the device id as the type's flags let it be logged ({@link PresentedDevice#idForLog}), or
     *                     {@code -}
     */
    static <T> Mono<T> logged(Class<?> source, Mono<T> write, String what, AuthAttempt attempt, String deviceForLog) {
        return write.doOnError(error -> log(source, error, what, attempt, deviceForLog));
    }

    /**
     * Bookkeeping the reply does not wait for: {@code write} runs in the background, and a failure is only logged.
     * The error is handled by the subscriber itself rather than by more operators: every AUTH subscribes two such
     * writes.
     */
    static void inBackground(Class<?> source, Mono<?> write, String what, AuthAttempt attempt, String deviceForLog) {
        write.subscribe(null, error -> log(source, error, what, attempt, deviceForLog));
    }

    private static void log(Class<?> source, Throwable error, String what, AuthAttempt attempt, String deviceForLog) {
        // The logger is looked up only when a write failed: this wraps every AUTH's writes.
        LoggerFactory.getLogger(source).warn("CLIENTID could not record the {} of device={} at {}: {} account={}",
            what, deviceForLog, attempt.getAt(), error.toString(), LogText.quoted(attempt.getUsername().asString()));
    }
}
