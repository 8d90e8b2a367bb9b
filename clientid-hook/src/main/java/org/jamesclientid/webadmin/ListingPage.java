package org.jamesclientid.webadmin;

import static org.jamesclientid.webadmin.RequestArguments.badRequest;

import org.apache.james.util.streams.Limit;
import org.apache.james.util.streams.Offset;
import org.apache.james.webadmin.utils.ParametersExtractor;

import com.google.common.base.Preconditions;

import reactor.core.publisher.Flux;
import spark.Request;

/**
 * The page of a listing a request asks for with {@code ?limit=&offset=}, read as James' own routes read them
 * ({@link ParametersExtractor}: a negative, zero or non-numeric limit and a negative or non-numeric offset are a 400).
 * A page holds at most {@link #MAX_LIMIT} elements, also the default.
 *
 * <p>{@link #select(Flux)} requests only {@code offset + limit} elements from the store and then cancels, so that a
 * Cassandra read stops fetching result pages: no listing request reads a whole table.</p>
 */
final class ListingPage {
    static final int MAX_LIMIT = 500;

    static ListingPage of(Request request) {
        return new ListingPage(ParametersExtractor.extractOffset(request).getOffset(),
            size(ParametersExtractor.extractLimit(request)));
    }

    /**
     * A limit above the cap is refused rather than cut: a client paging until a short page would stop too early.
     */
    private static int size(Limit limit) {
        int size = limit.getLimit().orElse(MAX_LIMIT);
        if (size > MAX_LIMIT) {
            throw badRequest("Invalid 'limit' " + size + ": at most " + MAX_LIMIT);
        }
        return size;
    }

    private final int offset;
    private final int limit;

    private ListingPage(int offset, int limit) {
        Preconditions.checkArgument(offset >= 0, "offset must not be negative");
        Preconditions.checkArgument(limit > 0 && limit <= MAX_LIMIT, "limit must be between 1 and %s", MAX_LIMIT);
        this.offset = offset;
        this.limit = limit;
    }

    /**
     * The elements of this page, in the order of {@code elements}: it must be the same from one request to the next.
     */
    <T> Flux<T> select(Flux<T> elements) {
        // take(n) bounds the demand sent upstream to n (Reactor 3.5): skip + take request offset + limit in all.
        return elements.skip(offset).take(limit);
    }
}
