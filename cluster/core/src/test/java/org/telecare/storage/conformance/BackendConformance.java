package org.telecare.storage.conformance;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.telecare.storage.StorageBackend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.telecare.storage.conformance.TestBackends.await;

/** One backend opened per conformance class, from the subclass's recipe, and closed after it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformance {
    protected Vertx vertx;
    protected StorageBackend backend;
    /** Per class, not per test: the backend opened once lives here. */
    protected Path scratch;

    /** How to open this backend, in {@link TestBackends} form, with its state under {@code dir}. */
    protected abstract List<String> recipe(Path dir);

    @BeforeAll
    void openBackend() throws Exception {
        scratch = Files.createTempDirectory("conformance");
        vertx = Vertx.vertx();
        backend = TestBackends.open(vertx, recipe(scratch.resolve("suite")));
    }

    @AfterAll
    void closeBackend() throws Exception {
        await(backend.close());
        await(vertx.close());
        try (var files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
