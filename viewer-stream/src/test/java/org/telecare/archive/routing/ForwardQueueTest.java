package org.telecare.archive.routing;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.archive.ArchiveModule;
import org.telecare.archive.index.ObjectLocation;
import org.telecare.archive.ingest.NewInstance;
import org.telecare.storage.blob.BlobId;
import org.telecare.storage.embedded.EmbeddedStorage;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.archive.ArchiveNode.await;

/**
 * The forward queue's guarantees on the embedded backend: a job read by two nodes is claimed by
 * exactly one (compare-and-set), a claim whose lease ran out is taken over, a failed job waits in
 * its own partition until a manual retry, and the backoff doubles up to its cap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardQueueTest {
    @TempDir
    static Path dir;
    Vertx vertx;
    EmbeddedStorage storage;
    ForwardQueue queue;
    final Instant now = Instant.parse("2026-11-22T08:00:00Z");

    @BeforeAll
    void start() {
        vertx = Vertx.vertx();
        storage = EmbeddedStorage.open(vertx, dir, "n1", false);
        await(storage.migrate(new ArchiveModule().migrations()));
        queue = new ForwardQueue(storage.records());
    }

    @AfterAll
    void stop() {
        await(storage.close());
        await(vertx.close());
    }

    private ForwardJob enqueue(String destination, String sop) {
        NewInstance i = new NewInstance("CT01", "TELECARE", "CT", "1.2.840.10008.5.1.4.1.1.2", sop, "2.25.1", "2.25.2",
                new ObjectLocation(new BlobId("a".repeat(64)), "1.2.840.10008.1.2.1", 10));
        return await(queue.enqueue(ForwardJob.create(i, destination, now)));
    }

    @Test
    void twoNodesReadingTheSameJobClaimItOnce() {
        ForwardJob job = enqueue("PACS_A", "2.25.10");
        ForwardQueue.Versioned seenByN1 = await(queue.pendingOf("PACS_A")).getFirst();
        ForwardQueue.Versioned seenByN2 = await(queue.pendingOf("PACS_A")).getFirst();
        assertThat(seenByN1.job().id()).isEqualTo(job.id());
        Optional<ForwardQueue.Versioned> n1 = await(queue.claim(seenByN1, "n1", now.plusSeconds(60)));
        Optional<ForwardQueue.Versioned> n2 = await(queue.claim(seenByN2, "n2", now.plusSeconds(60)));
        assertThat(n1).isPresent();
        assertThat(n2).as("the second claim names a version that is gone").isEmpty();
        assertThat(n1.get().job().state()).isEqualTo(JobState.SENDING);
        assertThat(n1.get().job().due(now)).isFalse();
        assertThat(await(queue.done(n1.get()))).isTrue();
        assertThat(await(queue.pendingOf("PACS_A"))).isEmpty();
    }

    @Test
    void aClaimWhoseLeaseRanOutIsTakenOver() {
        enqueue("PACS_B", "2.25.20");
        ForwardQueue.Versioned v = await(queue.pendingOf("PACS_B")).getFirst();
        ForwardQueue.Versioned dead = await(queue.claim(v, "n1", now.plusSeconds(30))).orElseThrow();
        assertThat(dead.job().due(now.plusSeconds(29))).isFalse();
        assertThat(dead.job().due(now.plusSeconds(31))).isTrue();
        ForwardQueue.Versioned reread = await(queue.pendingOf("PACS_B")).getFirst();
        assertThat(await(queue.claim(reread, "n2", now.plusSeconds(90))).orElseThrow().job().claimedBy())
                .contains("n2");
    }

    @Test
    void aFailedJobWaitsApartUntilRetriedByHand() {
        ForwardJob job = enqueue("PACS_C", "2.25.30");
        ForwardQueue.Versioned v = await(queue.pendingOf("PACS_C")).getFirst();
        ForwardQueue.Versioned later = await(queue.retryLater(v, "refused", now.plusSeconds(10))).orElseThrow();
        assertThat(later.job().attempts()).isEqualTo(1);
        assertThat(later.job().due(now)).isFalse();
        assertThat(later.job().due(now.plusSeconds(10))).isTrue();
        await(queue.fail(later, "still refused"));
        assertThat(await(queue.pendingOf("PACS_C"))).isEmpty();
        List<ForwardQueue.Versioned> failed = await(queue.failedOf("PACS_C"));
        assertThat(failed).singleElement().satisfies(f -> {
            assertThat(f.job().state()).isEqualTo(JobState.FAILED);
            assertThat(f.job().attempts()).isEqualTo(2);
            assertThat(f.job().lastError()).contains("still refused");
        });
        assertThat(await(queue.get(job.id()))).isPresent();

        ForwardJob again = await(queue.retry(job.id(), now.plusSeconds(60))).orElseThrow();
        assertThat(again.state()).isEqualTo(JobState.PENDING);
        assertThat(again.attempts()).isZero();
        assertThat(await(queue.failedOf("PACS_C"))).isEmpty();
        assertThat(await(queue.pendingOf("PACS_C")).getFirst().job().due(now.plusSeconds(60))).isTrue();
        assertThat(await(queue.retry("50-0-0", now))).isEmpty();
        assertThat(await(queue.retry("not-hex", now))).isEmpty();
    }

    @Test
    void jobIdsCarryTheirDestination() {
        ForwardJob job = enqueue("ORTHANC 2", "2.25.40");
        assertThat(ForwardJob.destinationOf(job.id())).contains("ORTHANC 2");
        assertThat(ForwardJob.destinationOf("zz-1")).isEmpty();
        assertThat(ForwardJob.destinationOf("")).isEmpty();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 5, Duration.ofMillis(50),
                Duration.ofSeconds(5));
        assertThat(List.of(b.delayAfter(1), b.delayAfter(2), b.delayAfter(3), b.delayAfter(4), b.delayAfter(5),
                b.delayAfter(60))).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800), Duration.ofMillis(1000), Duration.ofMillis(1000));
    }
}
