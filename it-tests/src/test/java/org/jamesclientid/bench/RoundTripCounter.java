package org.jamesclientid.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.datastax.dse.driver.api.core.cql.reactive.ReactiveResultSet;
import com.datastax.dse.driver.internal.core.cql.reactive.DefaultReactiveResultSet;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * Counts the sequential CQL (or SQL, {@link #blockingRequest}) round trips of one decision: a request is one round trip
 * after the latest of the requests whose response had been delivered before it was sent, so that requests sent together
 * count once, and a request sent after a response counts again.
 * <p>
 * Each response is held until {@link #HOLD} after its request was sent before the store's code sees it. Without the
 * hold, on loopback, the first of a decision's reads is often answered while the engine is still subscribing the
 * others, and those others would count as sent after it (up to 4 round trips for reads sent in one zip). With it, a
 * request sent within {@code HOLD} of the first is sent before any response could have been seen, and so cannot depend
 * on one; {@link #sentTogetherSpreadNanos} says how close to {@code HOLD} a decision came. The session the store is
 * given is wrapped: a driver {@code RequestTracker} is called only after the driver has run the caller's continuation,
 * which may already have sent the next request, so it cannot tell "sent after" from "sent with". Only for the
 * benchmark's counting pass: the timed passes run on the bare session.
 */
final class RoundTripCounter {
    static final Duration HOLD = Duration.ofMillis(30);
    private static final long HOLD_NANOS = HOLD.toNanos();
    private static final Duration QUIET_POLL = Duration.ofMillis(5);
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(30);

    private static final class Sent {
        final long sentNanos;
        final int roundTrip;
        final Object statement;
        volatile long answeredNanos = Long.MAX_VALUE;

        Sent(long sentNanos, int roundTrip, Object statement) {
            this.sentNanos = sentNanos;
            this.roundTrip = roundTrip;
            this.statement = statement;
        }

        boolean isRead() {
            String query = statement instanceof String ? (String) statement
                : statement instanceof BoundStatement ? ((BoundStatement) statement).getPreparedStatement().getQuery()
                : statement instanceof SimpleStatement ? ((SimpleStatement) statement).getQuery()
                : "";
            return query.stripLeading().regionMatches(true, 0, "SELECT", 0, "SELECT".length());
        }
    }

    private final List<Sent> decision = new ArrayList<>();
    private long lastSentOrAnsweredNanos = System.nanoTime();

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

    /**
     * How long after the decision's first request the last of those counted in its first round trip was sent: the
     * margin against {@link #HOLD} (a request sent more than {@code HOLD} after the first could be counted after it).
     */
    synchronized long sentTogetherSpreadNanos() {
        LongSummaryStatistics first = decision.stream()
            .filter(sent -> sent.roundTrip == 1)
            .mapToLong(sent -> sent.sentNanos)
            .summaryStatistics();
        return first.getCount() == 0 ? 0 : first.getMax() - first.getMin();
    }

    /**
     * Waits until every request sent has been answered and none has been sent or answered for {@link #HOLD}: the writes
     * a decision sends without waiting (activity, use), on a response or soon after, are then counted with it, and none
     * is sent into the next decision's count.
     */
    void awaitQuiet() {
        long deadline = System.nanoTime() + QUIET_TIMEOUT.toNanos();
        while (!isQuiet()) {
            Preconditions.checkState(System.nanoTime() < deadline, "requests still unanswered after %s", QUIET_TIMEOUT);
            LockSupport.parkNanos(QUIET_POLL.toNanos());
        }
    }

    private synchronized boolean isQuiet() {
        return System.nanoTime() - lastSentOrAnsweredNanos >= HOLD_NANOS
            && decision.stream().allMatch(sent -> sent.answeredNanos != Long.MAX_VALUE);
    }

    private synchronized void answered(Sent sent) {
        sent.answeredNanos = System.nanoTime();
        lastSentOrAnsweredNanos = sent.answeredNanos;
    }

    synchronized int requests() {
        return decision.size();
    }

    /**
     * The sequential round trips whose responses had come by {@code nanos} (the moment the decision was returned):
     * what the reply waited for. The writes the engine sends without waiting (activity, use) are left out when they
     * are answered after the reply; one answered before it is counted, so this can only overstate.
     */
    synchronized int roundTripsAnsweredBy(long nanos) {
        return decision.stream().filter(sent -> sent.answeredNanos <= nanos).mapToInt(sent -> sent.roundTrip).max().orElse(0);
    }

    /**
     * The reads ({@code SELECT}) of the decision since {@link #begin()} answered by {@code nanos} (the moment the
     * decision was returned), to be sent again without the engine: what the reply waited for, not the use's read that
     * the engine sends after it.
     */
    synchronized List<Statement<?>> readsAnsweredBy(long nanos) {
        return decision.stream()
            .filter(sent -> sent.answeredNanos <= nanos)
            .filter(Sent::isRead)
            .filter(sent -> sent.statement instanceof Statement)
            .map(sent -> (Statement<?>) sent.statement)
            .collect(ImmutableList.toImmutableList());
    }

    private synchronized Sent send(Object statement) {
        long now = System.nanoTime();
        int after = decision.stream()
            .filter(sent -> sent.answeredNanos <= now)
            .mapToInt(sent -> sent.roundTrip)
            .max()
            .orElse(0);
        Sent sent = new Sent(now, after + 1, statement);
        decision.add(sent);
        lastSentOrAnsweredNanos = now;
        return sent;
    }

    CqlSession wrap(CqlSession session) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (isRequest(method, "executeAsync")) {
                return timed(args[0], () -> (CompletionStage<AsyncResultSet>) invoke(session, method, args));
            }
            if (isRequest(method, "executeReactive")) {
                Method async = CqlSession.class.getMethod("executeAsync", method.getParameterTypes());
                ReactiveResultSet reactive = new DefaultReactiveResultSet(() -> timed(args[0], () -> (CompletionStage<AsyncResultSet>) invoke(session, async, args)));
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
        Sent sent = send("");
        try {
            return request.send();
        } finally {
            answered(sent);
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
     * A stage completed once the response has come and {@link #HOLD} has passed since the request was sent, from a
     * thread of its own as from the driver's I/O threads: the caller's continuation runs after it is timed.
     */
    private CompletionStage<AsyncResultSet> timed(Object statement, Request request) {
        Sent sent = send(statement);
        CompletableFuture<AsyncResultSet> answered = new CompletableFuture<>();
        CompletionStage<AsyncResultSet> response;
        try {
            response = request.send();
        } catch (Throwable e) {
            answered(sent);
            answered.completeExceptionally(e);
            return answered;
        }
        response.whenComplete((result, error) -> {
            long held = Math.max(0, sent.sentNanos + HOLD_NANOS - System.nanoTime());
            Executor delivery = CompletableFuture.delayedExecutor(held, TimeUnit.NANOSECONDS);
            delivery.execute(() -> {
                answered(sent);
                if (error != null) {
                    answered.completeExceptionally(error);
                } else {
                    answered.complete(result);
                }
            });
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
