package org.telecare.storage.embedded;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.storage.blob.BlobInfo;
import org.telecare.storage.blob.CorruptBlobException;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Compression at rest (ARC-5): byte-exact, random access, and safe to switch on and off. */
class DeflatedBlobFileTest {
    @TempDir
    Path dir;
    Vertx vertx;
    ExecutorService io;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        io = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterEach
    void stop() throws Exception {
        io.shutdownNow();
        await(vertx.close());
    }

    static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** 16-bit little-endian CT-like slices: smooth anatomy plus a little noise, like real pixel data. */
    static byte[] ctLikeSlices(int bytes, long seed) {
        Random random = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        while (b.remaining() >= 2) {
            int x = i % 512;
            int y = (i / 512) % 512;
            int r2 = (x - 256) * (x - 256) + (y - 256) * (y - 256);
            int hu = r2 > 200 * 200 ? -1000 : r2 < 40 * 40 ? 700 : 40;
            b.putShort((short) (hu + 1024 + random.nextInt(9) - 4));
            i++;
        }
        return b.array();
    }

    LocalBlobStore store(boolean compress) {
        return new LocalBlobStore(vertx, io, dir.resolve("blobs"), compress);
    }

    @Test
    void pixelDataShrinksAndEveryRangeReadsBackExactly() throws Exception {
        LocalBlobStore blobs = store(true);
        byte[] content = ctLikeSlices(3 * DeflatedBlobFile.CHUNK + 12_345, 1);
        BlobInfo info = await(blobs.put(Buffer.buffer(content)));
        Path file = blobs.pathOf(info.id());
        assertThat(file.getFileName().toString()).endsWith(".z");
        assertThat(Files.size(file)).as("stored size").isLessThan(content.length * 7L / 10);
        assertThat(await(blobs.stat(info.id())).orElseThrow().size()).isEqualTo(content.length);
        assertThat(await(blobs.get(info.id())).getBytes()).isEqualTo(content);
        Path copy = dir.resolve("copy.bin");
        await(blobs.copyTo(info.id(), copy));
        assertThat(Files.readAllBytes(copy)).isEqualTo(content);
        long chunk = DeflatedBlobFile.CHUNK;
        long[][] ranges = {{0, 1}, {chunk - 1, 2}, {chunk - 10, (int) chunk + 20}, {3 * chunk, 12_345},
                {content.length - 1, 10}, {content.length, 5}, {17, 0}};
        for (long[] r : ranges) {
            byte[] got = await(blobs.readRange(info.id(), r[0], (int) r[1])).getBytes();
            int from = (int) Math.min(r[0], content.length);
            int to = (int) Math.min(content.length, r[0] + r[1]);
            assertThat(got).as("range " + r[0] + "+" + r[1]).isEqualTo(Arrays.copyOfRange(content, from, to));
        }
    }

    @Test
    void filesStreamInCompressedAndTheEmptyBlobWorks() throws Exception {
        LocalBlobStore blobs = store(true);
        byte[] content = ctLikeSlices(2 * DeflatedBlobFile.CHUNK, 2);
        Path source = dir.resolve("in.bin");
        Files.write(source, content);
        BlobInfo info = await(blobs.putFile(source));
        assertThat(info.size()).isEqualTo(content.length);
        assertThat(Files.size(blobs.pathOf(info.id()))).isLessThan(content.length);
        assertThat(await(blobs.get(info.id())).getBytes()).isEqualTo(content);
        BlobInfo empty = await(blobs.put(Buffer.buffer()));
        assertThat(await(blobs.get(empty.id())).length()).isZero();
        assertThat(await(blobs.readRange(empty.id(), 0, 10)).length()).isZero();
        assertThat(await(blobs.stat(empty.id())).orElseThrow().size()).isZero();
    }

    @Test
    void switchingCompressionOnAndOffKeepsEveryBlobReadableAndStoredOnce() throws Exception {
        byte[] before = ctLikeSlices(300_000, 3);
        byte[] after = ctLikeSlices(300_000, 4);
        BlobInfo plain = await(store(false).put(Buffer.buffer(before)));
        LocalBlobStore compressing = store(true);
        assertThat(await(compressing.get(plain.id())).getBytes()).isEqualTo(before);
        // The same content again is not stored a second time in the other form.
        await(compressing.put(Buffer.buffer(before)));
        assertThat(compressing.pathOf(plain.id()).getFileName().toString()).doesNotEndWith(".z");
        BlobInfo packed = await(compressing.put(Buffer.buffer(after)));
        LocalBlobStore plainAgain = store(false);
        assertThat(await(plainAgain.get(packed.id())).getBytes()).isEqualTo(after);
        assertThat(await(plainAgain.readRange(packed.id(), 1000, 50)).getBytes())
                .isEqualTo(Arrays.copyOfRange(after, 1000, 1050));
        assertThat(await(plainAgain.delete(packed.id()))).isTrue();
        assertThat(await(plainAgain.stat(packed.id()))).isEmpty();
        assertThat(await(plainAgain.delete(packed.id()))).isFalse();
    }

    @Test
    void aCutShortOrDamagedFileIsRefusedNeverServed() throws Exception {
        LocalBlobStore blobs = store(true);
        byte[] content = ctLikeSlices(DeflatedBlobFile.CHUNK + 5_000, 5);
        BlobInfo cut = await(blobs.put(Buffer.buffer(content)));
        Path file = blobs.pathOf(cut.id());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() - 3);
        }
        assertThatThrownBy(() -> await(blobs.get(cut.id()))).isInstanceOf(CorruptBlobException.class)
                .hasMessageContaining("trailer");
        assertThatThrownBy(() -> await(blobs.readRange(cut.id(), 0, 10))).isInstanceOf(CorruptBlobException.class);
        assertThatThrownBy(() -> await(blobs.stat(cut.id()))).isInstanceOf(CorruptBlobException.class);

        byte[] other = ctLikeSlices(DeflatedBlobFile.CHUNK + 5_000, 6);
        BlobInfo damaged = await(blobs.put(Buffer.buffer(other)));
        Path second = blobs.pathOf(damaged.id());
        try (RandomAccessFile f = new RandomAccessFile(second.toFile(), "rw")) {
            f.seek(100);
            int b = f.read();
            f.seek(100);
            f.write(b ^ 0x5a);
        }
        assertThatThrownBy(() -> await(blobs.get(damaged.id()))).isInstanceOf(CorruptBlobException.class);
        Path target = dir.resolve("out/x.bin");
        assertThatThrownBy(() -> await(blobs.copyTo(damaged.id(), target))).isInstanceOf(CorruptBlobException.class);
        assertThat(target).doesNotExist();
        // The store goes on: an undamaged blob in the same chunk region reads fine.
        BlobInfo fine = await(blobs.put(Buffer.buffer(ctLikeSlices(10_000, 7))));
        assertThat(await(blobs.get(fine.id())).length()).isEqualTo(10_000);
    }
}
