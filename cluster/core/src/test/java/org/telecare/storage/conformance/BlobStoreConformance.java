package org.telecare.storage.conformance;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.StorageException;
import org.telecare.storage.blob.BlobId;
import org.telecare.storage.blob.BlobInfo;
import org.telecare.storage.blob.BlobNotFoundException;
import org.telecare.storage.blob.BlobStore;
import org.telecare.storage.blob.CorruptBlobException;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telecare.storage.conformance.TestBackends.await;

/** The behaviour every {@link BlobStore} must show, run unchanged against each backend. */
public abstract class BlobStoreConformance extends BackendConformance {
    protected BlobStore blobs;

    /** Damages the stored content of {@code id} behind the store's back (flip a byte). */
    protected abstract void corruptStoredContent(BlobId id) throws Exception;

    @BeforeAll
    void useBackend() {
        blobs = backend.blobs();
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void putReturnsTheContentHashAndGetReturnsTheBytes() throws Exception {
        byte[] content = randomBytes(300_000, System.nanoTime());
        BlobInfo info = await(blobs.put(Buffer.buffer(content)));
        assertThat(info.id().sha256()).isEqualTo(sha256(content));
        assertThat(info.size()).isEqualTo(content.length);
        assertThat(await(blobs.get(info.id())).getBytes()).isEqualTo(content);
        assertThat(await(blobs.stat(info.id()))).contains(info);
    }

    @Test
    void theSameContentIsStoredOnce() throws Exception {
        byte[] content = ("same " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        BlobInfo a = await(blobs.put(Buffer.buffer(content)));
        BlobInfo b = await(blobs.put(Buffer.buffer(content)));
        assertThat(a).isEqualTo(b);
        assertThat(await(blobs.delete(a.id()))).isTrue();
        assertThat(await(blobs.stat(a.id()))).isEmpty();
    }

    @Test
    void emptyBlobsWork() throws Exception {
        BlobInfo info = await(blobs.put(Buffer.buffer()));
        assertThat(info.size()).isZero();
        assertThat(await(blobs.get(info.id())).length()).isZero();
    }

    @Test
    void largeFilesStreamInAndOut() throws Exception {
        Path source = scratch.resolve("large.bin");
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42 + System.nanoTime());
        long size = 24L * 1024 * 1024 + 123;
        try (OutputStream out = Files.newOutputStream(source)) {
            byte[] chunk = new byte[1 << 20];
            for (long written = 0; written < size; ) {
                random.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, size - written);
                out.write(chunk, 0, n);
                digest.update(chunk, 0, n);
                written += n;
            }
        }
        BlobInfo info = await(blobs.putFile(source));
        assertThat(info.id().sha256()).isEqualTo(HexFormat.of().formatHex(digest.digest()));
        assertThat(info.size()).isEqualTo(size);
        Path copy = scratch.resolve("out/copy.bin");
        await(blobs.copyTo(info.id(), copy));
        assertThat(Files.size(copy)).isEqualTo(size);
        assertThat(Files.mismatch(source, copy)).isEqualTo(-1L);
    }

    @Test
    void rangesReadAnySliceIncludingAcrossChunksAndAtTheEnd() throws Exception {
        // Large enough to span several chunks on Cassandra (chunk size is configurable; 1 MiB by default).
        byte[] content = randomBytes(3 * 1024 * 1024 + 777, System.nanoTime());
        BlobInfo info = await(blobs.put(Buffer.buffer(content)));
        long[][] ranges = {{0, 10}, {5, 0}, {1024 * 1024 - 3, 7}, {1024 * 1024 - 100, 2 * 1024 * 1024 + 200},
                {content.length - 5, 100}, {content.length, 10}, {content.length + 50, 10}, {0, content.length}};
        for (long[] r : ranges) {
            byte[] got = await(blobs.readRange(info.id(), r[0], (int) r[1])).getBytes();
            int from = (int) Math.min(r[0], content.length);
            int to = (int) Math.min(content.length, r[0] + r[1]);
            assertThat(got).as("range " + r[0] + "+" + r[1]).isEqualTo(java.util.Arrays.copyOfRange(content, from, to));
        }
        assertThatThrownBy(() -> await(blobs.readRange(info.id(), -1, 10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> await(blobs.readRange(new BlobId("0".repeat(64)), 0, 10)))
                .isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void missingBlobsAreReportedAsMissing() throws Exception {
        BlobId absent = new BlobId("0".repeat(64));
        assertThatThrownBy(() -> await(blobs.get(absent))).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> await(blobs.copyTo(absent, scratch.resolve("nothing"))))
                .isInstanceOf(BlobNotFoundException.class);
        assertThat(Files.exists(scratch.resolve("nothing"))).isFalse();
        assertThat(await(blobs.stat(absent))).isEmpty();
        assertThat(await(blobs.delete(absent))).isFalse();
        assertThatThrownBy(() -> await(blobs.putFile(scratch.resolve("no-such-file"))))
                .isInstanceOf(StorageException.class).hasMessageContaining("no-such-file");
        assertThatThrownBy(() -> new BlobId("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void corruptContentIsDetectedAndNeverServed() throws Exception {
        byte[] content = randomBytes(700_000, 7 + System.nanoTime());
        BlobInfo info = await(blobs.put(Buffer.buffer(content)));
        corruptStoredContent(info.id());
        assertThatThrownBy(() -> await(blobs.get(info.id())))
                .isInstanceOf(CorruptBlobException.class).hasMessageContaining(info.id().sha256());
        Path target = scratch.resolve("served/corrupt.bin");
        assertThatThrownBy(() -> await(blobs.copyTo(info.id(), target))).isInstanceOf(CorruptBlobException.class);
        assertThat(target).doesNotExist();
        assertThat(Files.exists(target.getParent()) ? Files.list(target.getParent()).toList() : List.of())
                .as("no partial copy left behind").isEmpty();
    }
}
