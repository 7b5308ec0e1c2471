package org.telecare.collab.session;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telecare.collab.CollabErrors;
import org.telecare.web.ApiException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Numbering and merging under the lock, on a local Vert.x (the clustered case is CollabTwoNodeTest). */
class SessionRegistryTest {
    Vertx vertx;
    SessionRegistry registry;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @BeforeEach
    void open() throws Exception {
        vertx = Vertx.vertx();
        registry = await(SessionRegistry.open(vertx, Duration.ofHours(1)));
    }

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    CollabSession session(String id) throws Exception {
        CollabSession s = CollabSession.start(id, "2.25.1", Optional.empty(), Optional.empty(),
                new Member("alice", "Alice", "u-a", Instant.now()));
        return await(registry.create(s));
    }

    @Test
    void concurrentChangesFromManyContextsGetStrictlyIncreasingGapFreeNumbers() throws Exception {
        session("s1");
        List<JsonObject> seen = new CopyOnWriteArrayList<>();
        await(vertx.eventBus().<JsonObject>consumer(SessionRegistry.address("s1"), m -> seen.add(m.body())).completion());
        // Several independent "registries" (as several nodes would be) changing one session at once.
        List<SessionRegistry> nodes = List.of(registry, await(SessionRegistry.open(vertx, Duration.ofHours(1))),
                await(SessionRegistry.open(vertx, Duration.ofHours(1))));
        List<Future<Optional<CollabSession>>> all = new ArrayList<>();
        int n = 60;
        for (int i = 0; i < n; i++) {
            int slice = i;
            SessionRegistry node = nodes.get(i % nodes.size());
            all.add(vertx.getOrCreateContext().<Void>executeBlocking(() -> null).compose(v -> node.update("s1",
                    s -> SessionRules.state(s, "alice", "c", new JsonObject().put("k" + slice, slice)))));
        }
        await(Future.all(all));
        CollabSession last = await(registry.find("s1")).orElseThrow();
        assertThat(last.seq()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(last.state().getInteger("k" + i)).as("every change is in the snapshot").isEqualTo(i);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(seen.stream().map(e -> e.getLong("seq")).sorted().toList())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, n).boxed().toList());
        // Replaying the published patches in number order rebuilds the snapshot.
        JsonObject replay = new JsonObject();
        for (JsonObject e : seen.stream().sorted(java.util.Comparator.comparing(e -> e.getLong("seq"))).toList()) {
            replay = MergePatch.apply(replay, e.getJsonObject("patch"));
        }
        assertThat(replay).isEqualTo(last.state());
    }

    @Test
    void oneNodesChangesKeepTheirOrder() throws Exception {
        session("s2");
        List<Future<Optional<CollabSession>>> all = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            int slice = i;
            all.add(registry.update("s2", s -> SessionRules.state(s, "alice", "c", new JsonObject().put("slice", slice))));
        }
        await(Future.all(all));
        for (int i = 0; i < 50; i++) {
            assertThat(all.get(i).result().orElseThrow().seq()).isEqualTo(i + 1);
        }
        assertThat(await(registry.find("s2")).orElseThrow().state().getInteger("slice")).isEqualTo(50);
    }

    @Test
    void refusalsChangeNothingAndTheEndRemovesTheSession() throws Exception {
        session("s3");
        assertThatThrownBy(() -> await(registry.update("s3", s -> SessionRules.state(s, "bob", "c", new JsonObject().put("a", 1)))))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).code()).isEqualTo(CollabErrors.NOT_MEMBER);
        assertThat(await(registry.find("s3")).orElseThrow().seq()).isZero();
        assertThat(await(registry.update("s3", s -> SessionRules.end(s, "alice")))).isEmpty();
        assertThat(await(registry.find("s3"))).isEmpty();
        assertThatThrownBy(() -> await(registry.update("s3", s -> Change.NONE))).cause()
                .extracting(e -> ((ApiException) e).code()).isEqualTo(CollabErrors.NOT_FOUND);
        assertThatThrownBy(() -> await(registry.create(CollabSession.start("s4", "2.25.1", Optional.empty(), Optional.empty(),
                new Member("a", "A", "u", Instant.now()))).compose(s -> registry.create(s)))).cause()
                .extracting(e -> ((ApiException) e).code()).isEqualTo(CollabErrors.CONFLICT);
    }

    @Test
    void aStateBeyondTheBoundIsRefused() throws Exception {
        session("s5");
        String big = "x".repeat(120 * 1024);
        for (int i = 0; i < 4; i++) {
            int k = i;
            await(registry.update("s5", s -> SessionRules.state(s, "alice", "c", new JsonObject().put("k" + k, big))));
        }
        assertThatThrownBy(() -> await(registry.update("s5", s -> SessionRules.state(s, "alice", "c",
                new JsonObject().put("k9", big))))).cause().extracting(e -> ((ApiException) e).code())
                .isEqualTo(CollabErrors.TOO_LARGE);
        assertThat(await(registry.find("s5")).orElseThrow().seq()).isEqualTo(4);
    }
}
