package org.telecare.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Prepared statements of one session, by CQL text (which names its table, so this is a cache
 * per table and statement kind). Each statement is prepared once, lazily, on first use;
 * concurrent first uses share the one preparation, and a failed preparation is forgotten so the
 * next call tries again (the table may simply not have existed yet).
 *
 * <p>Holds driver {@link CompletionStage}s rather than Vert.x futures so that every caller can
 * bridge to its own context.
 */
final class PreparedStatements {
    private final CqlSession session;
    private final ConcurrentMap<String, CompletableFuture<PreparedStatement>> byCql = new ConcurrentHashMap<>();

    PreparedStatements(CqlSession session) {
        this.session = session;
    }

    /** Prepares {@code cql} (once) and runs the statement {@code bind} makes of it. */
    CompletionStage<AsyncResultSet> execute(String cql, Function<PreparedStatement, Statement<?>> bind) {
        return get(cql).thenCompose(statement -> session.executeAsync(bind.apply(statement)));
    }

    CompletionStage<PreparedStatement> get(String cql) {
        CompletableFuture<PreparedStatement> cached = byCql.get(cql);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<PreparedStatement> mine = new CompletableFuture<>();
        CompletableFuture<PreparedStatement> raced = byCql.putIfAbsent(cql, mine);
        if (raced != null) {
            return raced;
        }
        session.prepareAsync(cql).whenComplete((statement, failure) -> {
            if (failure != null) {
                byCql.remove(cql, mine);
                mine.completeExceptionally(failure);
            } else {
                mine.complete(statement);
            }
        });
        return mine;
    }
}
