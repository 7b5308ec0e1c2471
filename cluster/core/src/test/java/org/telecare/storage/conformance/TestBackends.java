package org.telecare.storage.conformance;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.TableSpec;
import org.telecare.storage.cassandra.CassandraSettings;
import org.telecare.storage.cassandra.CassandraStorage;
import org.telecare.storage.embedded.EmbeddedStorage;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a backend from a short "recipe" of strings, so that the very same backend can be
 * opened again in a child JVM (the crash test) from its command line.
 * <ul>
 *   <li>{@code embedded <dataDir> [deflate]}</li>
 *   <li>{@code cassandra <host:port> <dc> <keyspace>}</li>
 * </ul>
 */
public final class TestBackends {
    public static final TableSpec PLAIN = TableSpec.plain("conf_plain");
    public static final TableSpec CAS = TableSpec.withCompareAndSet("conf_cas");
    public static final List<SchemaMigration> MIGRATIONS = List.of(
            new SchemaMigration("conformance", 1, "plain and CAS test tables", List.of(PLAIN, CAS)));

    private TestBackends() {
    }

    /** Opens the backend, waits until it is ready and migrated. Blocking: for tests only. */
    public static StorageBackend open(Vertx vertx, List<String> recipe) throws Exception {
        StorageBackend backend = switch (recipe.getFirst()) {
            case "embedded" -> EmbeddedStorage.open(vertx, Path.of(recipe.get(1)), "test-node", true,
                    recipe.size() > 2 && "deflate".equals(recipe.get(2)));
            case "cassandra" -> {
                String[] hostPort = recipe.get(1).split(":");
                CassandraSettings settings = CassandraSettings.singleNode(
                        new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), recipe.get(2), recipe.get(3));
                yield CassandraStorage.open(vertx, settings, "test-node");
            }
            default -> throw new IllegalArgumentException("unknown backend recipe " + recipe);
        };
        await(backend.migrate(MIGRATIONS), Duration.ofMinutes(2));
        return backend;
    }

    public static <T> T await(Future<T> future) throws Exception {
        return await(future, Duration.ofSeconds(60));
    }

    /** Waits for a future from a plain test thread; a failure is rethrown as its cause. */
    public static <T> T await(Future<T> future, Duration timeout) throws Exception {
        return future.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
