package org.jamesclientid.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.datastax.dse.driver.api.core.cql.reactive.ReactiveResultSet;
import com.datastax.dse.driver.internal.core.cql.reactive.DefaultReactiveResultSet;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;

/**
 * Counts the sequential CQL (or SQL, {@link #blockingRequest}) round trips of one decision: a request is one round trip after the latest of the
 * requests whose response came before it was sent, so that requests sent together count once, and a request sent
 * after a response counts again. The session the store is given is wrapped: each response is timed before the
 * store's code sees it (a driver {@code RequestTracker} is called only after the driver has run the caller's
 * continuation, which may already have sent the next request, so it cannot tell "sent after" from "sent with").
 * Only for the benchmark's counting pass: the timed passes run on the bare session.
 */
final class RoundTripCounter {
    private static final class Sent {
        final long sentNanos;
        final int roundTrip;
        volatile long answeredNanos = Long.MAX_VALUE;

        Sent(long sentNanos, int roundTrip) {
            this.sentNanos = sentNanos;
            this.roundTrip = roundTrip;
        }
    }

    private final List<Sent> decision = new ArrayList<>();

    /**
     * Starts counting a new decision.
     */
    synchronized void begin() {
        decision.clear();
    }

    /**
     * The sequential round trips of the decision since {@link #begin()}.
     */
    synchronized int roundTrips() {
        return decision.stream().mapToInt(sent -> sent.roundTrip).max().orElse(0);
    }

    synchronized int requests() {
        return decision.size();
    }

    private synchronized Sent send() {
        long now = System.nanoTime();
        int after = decision.stream()
            .filter(sent -> sent.answeredNanos <= now)
            .mapToInt(sent -> sent.roundTrip)
            .max()
            .orElse(0);
        Sent sent = new Sent(now, after + 1);
        decision.add(sent);
        return sent;
    }

    CqlSession wrap(CqlSession session) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (isRequest(method, "executeAsync")) {
                return timed(() -> (CompletionStage<AsyncResultSet>) invoke(session, method, args));
            }
            if (isRequest(method, "executeReactive")) {
                Method async = CqlSession.class.getMethod("executeAsync", method.getParameterTypes());
                ReactiveResultSet reactive = new DefaultReactiveResultSet(() -> timed(() -> (CompletionStage<AsyncResultSet>) invoke(session, async, args)));
                return reactive;
            }
            return invoke(session, method, args);
        };
        return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class}, handler);
    }

    /**
     * A blocking request (a JDBC statement, a commit): one round trip after those answered before it is sent, timed
     * from the call to its return.
     */
    <T> T blockingRequest(BlockingRequest<T> request) throws Throwable {
        Sent sent = send();
        try {
            return request.send();
        } finally {
            sent.answeredNanos = System.nanoTime();
        }
    }

    interface BlockingRequest<T> {
        T send() throws Throwable;
    }

    private static boolean isRequest(Method method, String name) {
        return method.getName().equals(name) && method.getParameterCount() == 1
            && (Statement.class.isAssignableFrom(method.getParameterTypes()[0]) || method.getParameterTypes()[0] == String.class);
    }

    private interface Request {
        CompletionStage<AsyncResultSet> send() throws Throwable;
    }

    /**
     * A stage completed only once the response is timed: the caller's continuation runs after.
     */
    private CompletionStage<AsyncResultSet> timed(Request request) {
        Sent sent = send();
        CompletableFuture<AsyncResultSet> answered = new CompletableFuture<>();
        CompletionStage<AsyncResultSet> response;
        try {
            response = request.send();
        } catch (Throwable e) {
            sent.answeredNanos = System.nanoTime();
            answered.completeExceptionally(e);
            return answered;
        }
        response.whenComplete((result, error) -> {
            sent.answeredNanos = System.nanoTime();
            if (error != null) {
                answered.completeExceptionally(error);
            } else {
                answered.complete(result);
            }
        });
        return answered;
    }

    private static Object invoke(CqlSession session, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(session, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
