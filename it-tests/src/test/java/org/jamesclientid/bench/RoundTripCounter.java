package org.jamesclientid.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.datastax.dse.driver.api.core.cql.reactive.ReactiveResultSet;
import com.datastax.dse.driver.internal.core.cql.reactive.DefaultReactiveResultSet;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.google.common.collect.ImmutableList;

/**
 * Counts the sequential CQL (or SQL, {@link #blockingRequest}) round trips of one decision. A request's round trip is
 * one more than that of the response whose delivery sent it: the store's session is wrapped, and every action the
 * store's code attaches to a response (the driver's reactive result set attaches three) runs marked with that
 * response's round trip, on whichever thread runs it, whether the response came before or after the action was
 * attached. Requests sent together count once; a request sent in reaction to a response counts again.
 * <p>
 * Until run 19 the count was by time: a request was one round trip after every response that had come before it was
 * sent. On this shared 2-core machine a response often comes back while the engine is still sending the other reads
 * of the same batch (each subscription binds a statement), and that count put up to 7 round trips on decisions whose
 * reads are all sent at once (run 17). It is still kept ({@link #roundTripsByTimeAnsweredBy}), as an upper bound.
 * A blocking request (JDBC) is sent by the thread that waited for the previous one: there both counts are by time.
 * <p>
 * Only for the benchmark's counting pass: the timed passes run on the bare session.
 */
final class RoundTripCounter {
    /**
     * The round trip of the response whose delivery the current thread is running (0: none).
     */
    private static final ThreadLocal<Integer> DELIVERING = ThreadLocal.withInitial(() -> 0);

    private static final class Sent {
        final long sentNanos;
        final int roundTrip;
        final int roundTripByTime;
        final Object statement;
        volatile long answeredNanos = Long.MAX_VALUE;

        Sent(long sentNanos, int roundTrip, int roundTripByTime, Object statement) {
            this.sentNanos = sentNanos;
            this.roundTrip = roundTrip;
            this.roundTripByTime = roundTripByTime;
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

    /**
     * The sequential round trips whose responses had come by {@code nanos} (the moment the decision was returned):
     * what the reply waited for. The writes the engine sends without waiting (activity, use) are left out when they
     * are answered after the reply; one answered before it is counted, so this can only overstate.
     */
    synchronized int roundTripsAnsweredBy(long nanos) {
        return decision.stream().filter(sent -> sent.answeredNanos <= nanos).mapToInt(sent -> sent.roundTrip).max().orElse(0);
    }

    /**
     * As {@link #roundTripsAnsweredBy}, counted by time: each request one round trip after every response that had
     * come before it was sent, whether or not it was sent in reaction to it. An upper bound.
     */
    synchronized int roundTripsByTimeAnsweredBy(long nanos) {
        return decision.stream().filter(sent -> sent.answeredNanos <= nanos).mapToInt(sent -> sent.roundTripByTime).max().orElse(0);
    }

    /**
     * The reads ({@code SELECT}) of the decision since {@link #begin()}, to be sent again without the engine.
     */
    synchronized List<Statement<?>> reads() {
        return decision.stream()
            .filter(Sent::isRead)
            .filter(sent -> sent.statement instanceof Statement)
            .map(sent -> (Statement<?>) sent.statement)
            .collect(ImmutableList.toImmutableList());
    }

    private synchronized Sent send(Object statement, boolean blocking) {
        long now = System.nanoTime();
        int afterByTime = decision.stream()
            .filter(sent -> sent.answeredNanos <= now)
            .mapToInt(sent -> sent.roundTripByTime)
            .max()
            .orElse(0);
        int roundTripByTime = afterByTime + 1;
        Sent sent = new Sent(now, blocking ? roundTripByTime : DELIVERING.get() + 1, roundTripByTime, statement);
        decision.add(sent);
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
        Sent sent = send("", true);
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
     * A stage completed only once the response is timed: the caller's continuation runs after, marked as the delivery
     * of this request's round trip ({@link Delivery}).
     */
    private CompletionStage<AsyncResultSet> timed(Object statement, Request request) {
        Sent sent = send(statement, false);
        CompletableFuture<AsyncResultSet> answered = new Delivery<>(sent.roundTrip);
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

    /**
     * A response: each action attached to it, or to a stage derived from it, runs as the delivery of {@code roundTrip}
     * (a request it sends is of the next round trip), on the thread that completes it or, when it had already
     * completed, on the thread that attaches the action.
     */
    static final class Delivery<T> extends CompletableFuture<T> {
        private final int roundTrip;

        Delivery(int roundTrip) {
            this.roundTrip = roundTrip;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new Delivery<>(roundTrip);
        }

        private <U> U delivering(Supplier<U> action) {
            int outer = DELIVERING.get();
            DELIVERING.set(Math.max(outer, roundTrip));
            try {
                return action.get();
            } finally {
                DELIVERING.set(outer);
            }
        }

        @Override
        public <U> CompletableFuture<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
            return super.handle((result, error) -> delivering(() -> fn.apply(result, error)));
        }

        @Override
        public <U> CompletableFuture<U> thenApply(Function<? super T, ? extends U> fn) {
            return super.thenApply(result -> delivering(() -> fn.apply(result)));
        }

        @Override
        public CompletableFuture<Void> thenAccept(Consumer<? super T> action) {
            return super.thenAccept(result -> delivering(() -> {
                action.accept(result);
                return null;
            }));
        }

        @Override
        public <U> CompletableFuture<U> thenCompose(Function<? super T, ? extends CompletionStage<U>> fn) {
            return super.thenCompose(result -> delivering(() -> fn.apply(result)));
        }

        @Override
        public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
            return super.whenComplete((result, error) -> delivering(() -> {
                action.accept(result, error);
                return null;
            }));
        }
    }

    private static Object invoke(CqlSession session, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(session, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
