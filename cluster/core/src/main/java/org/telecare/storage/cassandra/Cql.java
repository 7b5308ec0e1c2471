package org.telecare.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.telecare.storage.TableSpec;

import java.util.concurrent.CompletionStage;

/**
 * CQL names and the bridge from the driver's {@link CompletionStage}s to Vert.x futures that
 * complete on the caller's context, with driver failures translated (see {@link CassandraFailures}).
 */
final class Cql {
    private Cql() {
    }

    /** Runs a statement; the future completes on the context current at the call. */
    static Future<AsyncResultSet> execute(Vertx vertx, CqlSession session, Statement<?> statement, String operation) {
        return bridge(vertx, session.executeAsync(statement), operation);
    }

    static <T> Future<T> bridge(Vertx vertx, CompletionStage<T> stage, String operation) {
        return Future.fromCompletionStage(stage, vertx.getOrCreateContext())
                .recover(failure -> Future.failedFuture(CassandraFailures.translate(failure, operation)));
    }

    /** A keyspace or table name as CQL text, quoted only where CQL needs it. */
    static String name(String internal) {
        return CqlIdentifier.fromInternal(internal).asCql(true);
    }

    /** The CQL table behind a record table: {@code "ks".t_<name>}. */
    static String table(String keyspace, TableSpec spec) {
        return qualified(keyspace, "t_" + spec.name());
    }

    static String qualified(String keyspace, String table) {
        return name(keyspace) + "." + name(table);
    }

    /** A CQL string literal. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
