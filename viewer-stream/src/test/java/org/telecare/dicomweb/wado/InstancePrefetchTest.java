package org.telecare.dicomweb.wado;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.storage.blob.BlobId;
import org.telecare.storage.blob.BlobInfo;
import org.telecare.storage.blob.BlobStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Read-ahead for series answers: in order, bounded in bytes, large objects left to streaming. */
class InstancePrefetchTest {
    /** Records which blobs were read whole, and when. */
    static final class CountingBlobs implements BlobStore {
        final List<String> reads = new ArrayList<>();

        @Override
        public Future<Buffer> readRange(BlobId id, long offset, int length) {
            reads.add(id.sha256());
            return Future.succeededFuture(Buffer.buffer(new byte[length]));
        }

        @Override public Future<BlobInfo> put(Buffer content) { throw new UnsupportedOperationException(); }
        @Override public Future<BlobInfo> putFile(Path source) { throw new UnsupportedOperationException(); }
        @Override public Future<Buffer> get(BlobId id) { throw new UnsupportedOperationException(); }
        @Override public Future<Void> copyTo(BlobId id, Path target) { throw new UnsupportedOperationException(); }
        @Override public Future<Optional<BlobInfo>> stat(BlobId id) { throw new UnsupportedOperationException(); }
        @Override public Future<Boolean> delete(BlobId id) { throw new UnsupportedOperationException(); }
    }

    static StoredInstance instance(int n, long size) {
        String hash = String.format("%064x", n);
        return new StoredInstance("2.25.1", "2.25.2", "2.25.3." + n, "1.2.840.10008.5.1.4.1.1.2",
                "1.2.840.10008.1.2.1", new BlobId(hash), size, 132);
    }

    @Test
    void smallObjectsAreReadAheadWithinTheBudgetAndInOrder() {
        CountingBlobs blobs = new CountingBlobs();
        List<StoredInstance> series = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            series.add(instance(i, 512 * 1024));
        }
        InstancePrefetch prefetch = new InstancePrefetch(blobs, series);
        int budget = (int) (InstancePrefetch.AHEAD_BYTES / (512 * 1024));
        assertThat(blobs.reads).as("read ahead before the first write").hasSize(budget);
        List<String> order = new ArrayList<>();
        while (prefetch.hasNext()) {
            InstancePrefetch.Next n = prefetch.next();
            assertThat(n.whole()).isPresent();
            order.add(n.instance().sopInstanceUid());
            assertThat(blobs.reads.size() - order.size()).as("objects read but not yet written").isLessThanOrEqualTo(budget);
        }
        assertThat(order).isEqualTo(series.stream().map(StoredInstance::sopInstanceUid).toList());
        assertThat(blobs.reads).hasSize(40);
    }

    @Test
    void aLargeObjectIsStreamedAndNothingBeyondItIsReadBeforeItsTurn() {
        CountingBlobs blobs = new CountingBlobs();
        List<StoredInstance> series = List.of(instance(1, 1000), instance(2, 100L << 20), instance(3, 1000));
        InstancePrefetch prefetch = new InstancePrefetch(blobs, series);
        assertThat(blobs.reads).hasSize(1);
        assertThat(prefetch.next().whole()).isPresent();
        InstancePrefetch.Next big = prefetch.next();
        assertThat(big.instance().sopInstanceUid()).isEqualTo("2.25.3.2");
        assertThat(big.whole()).as("streamed, not read whole").isEmpty();
        InstancePrefetch.Next last = prefetch.next();
        assertThat(last.instance().sopInstanceUid()).isEqualTo("2.25.3.3");
        assertThat(last.whole()).isPresent();
        assertThat(prefetch.hasNext()).isFalse();
    }
}
