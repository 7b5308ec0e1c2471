package org.telecare.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.cassandra.devnode.TestCassandra;
import org.telecare.storage.blob.BlobId;
import org.telecare.storage.blob.BlobInfo;
import org.telecare.storage.blob.BlobNotFoundException;
import org.telecare.storage.blob.CorruptBlobException;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telecare.storage.conformance.TestBackends.await;

/**
 * How blobs lie in Cassandra: one partition per chunk, the manifest as commit marker, and damage
 * done directly in CQL (a flipped byte, a missing or shortened chunk) caught on every read path.
 * A tiny chunk size makes every blob here span several chunks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CassandraBlobChunksTest {
    private static final int CHUNK = 1000;

    private Vertx vertx;
    private CassandraStorage storage;
    private CqlSession session;
    private String chunks;
    private String manifests;
    private String keyspace;
    @TempDir
    Path scratch;

    @BeforeAll
    void open() throws Exception {
        vertx = Vertx.vertx();
        CassandraSettings base = TestKeyspaces.settings("telecare_blob_chunks");
        CassandraSettings small = new CassandraSettings(base.contactPoints(), base.localDatacenter(), base.keyspace(),
                Map.of(TestCassandra.datacenter(), 1), base.consistency(), Optional.empty(), Optional.empty(),
                base.requestTimeout(), CHUNK);
        storage = CassandraStorage.open(vertx, small, "blob-node");
        await(storage.migrate(List.of()), java.time.Duration.ofMinutes(2));
        session = storage.connection().session();
        keyspace = small.keyspace();
        chunks = Cql.qualified(small.keyspace(), CassandraSchema.BLOB_CHUNK);
        manifests = Cql.qualified(small.keyspace(), CassandraSchema.BLOB_MANIFEST);
    }

    @AfterAll
    void close() throws Exception {
        await(storage.close());
        await(vertx.close());
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(System.nanoTime()).nextBytes(b);
        return b;
    }

    private long chunkRows(BlobId id, int upTo) {
        long n = 0;
        for (int i = 0; i < upTo; i++) {
            n += session.execute(SimpleStatement.newInstance(
                    "SELECT idx FROM " + chunks + " WHERE id = ? AND idx = ?", id.sha256(), i)).all().size();
        }
        return n;
    }

    @Test
    void blobsAreCutIntoChunkPartitionsAndDeletedWithThem() throws Exception {
        for (int size : new int[]{1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 7 * CHUNK + 13}) {
            byte[] content = random(size);
            BlobInfo info = await(storage.blobs().put(Buffer.buffer(content)));
            int expected = (size + CHUNK - 1) / CHUNK;
            var manifest = session.execute(SimpleStatement.newInstance(
                    "SELECT size, chunk_size, chunks FROM " + manifests + " WHERE id = ?", info.id().sha256())).one();
            assertThat(manifest.getLong("size")).isEqualTo(size);
            assertThat(manifest.getInt("chunk_size")).isEqualTo(CHUNK);
            assertThat(manifest.getInt("chunks")).isEqualTo(expected);
            assertThat(chunkRows(info.id(), expected + 2)).as("chunks of a %d-byte blob", size).isEqualTo(expected);
            assertThat(await(storage.blobs().get(info.id())).getBytes()).isEqualTo(content);

            Path file = scratch.resolve("in-" + size);
            Files.write(file, content);
            assertThat(await(storage.blobs().putFile(file))).isEqualTo(info);
            Path copy = scratch.resolve("out/copy-" + size);
            await(storage.blobs().copyTo(info.id(), copy));
            assertThat(Files.readAllBytes(copy)).isEqualTo(content);

            assertThat(await(storage.blobs().delete(info.id()))).isTrue();
            assertThat(chunkRows(info.id(), expected + 2)).isZero();
            assertThat(await(storage.blobs().stat(info.id()))).isEmpty();
        }
    }

    /** ARC-5 on the cluster backend: Cassandra compresses the chunk SSTables, with Zstd. */
    @Test
    void blobChunksAreCompressedAtRestWithZstd() {
        var row = session.execute(SimpleStatement.newInstance(
                "SELECT compression FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?",
                keyspace, CassandraSchema.BLOB_CHUNK)).one();
        assertThat(row).isNotNull();
        assertThat(row.getMap("compression", String.class, String.class).get("class")).endsWith("ZstdCompressor");
    }

    @Test
    void chunksWithoutAManifestAreInvisible() throws Exception {
        byte[] content = random(2500);
        BlobId id = BlobId.of(MessageDigest.getInstance("SHA-256").digest(content));
        // An interrupted upload: every chunk written, the manifest never.
        for (int i = 0; i < 3; i++) {
            int from = i * CHUNK;
            session.execute(SimpleStatement.newInstance("INSERT INTO " + chunks + " (id, idx, data) VALUES (?, ?, ?)",
                    id.sha256(), i, ByteBuffer.wrap(content, from, Math.min(CHUNK, content.length - from))));
        }
        assertThat(await(storage.blobs().stat(id))).isEmpty();
        assertThatThrownBy(() -> await(storage.blobs().get(id))).isInstanceOf(BlobNotFoundException.class);
        // Storing it for real completes it.
        assertThat(await(storage.blobs().put(Buffer.buffer(content))).id()).isEqualTo(id);
        assertThat(await(storage.blobs().get(id)).getBytes()).isEqualTo(content);
    }

    @Test
    void aFlippedByteInAChunkIsCaught() throws Exception {
        BlobInfo info = await(storage.blobs().put(Buffer.buffer(random(3 * CHUNK + 5))));
        byte[] middle = chunk(info.id(), 1);
        middle[17] ^= 0x01;
        session.execute(SimpleStatement.newInstance("UPDATE " + chunks + " SET data = ? WHERE id = ? AND idx = 1",
                ByteBuffer.wrap(middle), info.id().sha256()));
        assertCorrupt(info.id(), "hashes to");
    }

    @Test
    void aMissingChunkIsCaught() throws Exception {
        BlobInfo info = await(storage.blobs().put(Buffer.buffer(random(3 * CHUNK + 5))));
        session.execute(SimpleStatement.newInstance("DELETE FROM " + chunks + " WHERE id = ? AND idx = 2", info.id().sha256()));
        assertCorrupt(info.id(), "chunk 2 of 4 is missing");
    }

    @Test
    void aShortenedOrLengthenedChunkIsCaught() throws Exception {
        BlobInfo info = await(storage.blobs().put(Buffer.buffer(random(2 * CHUNK))));
        byte[] first = chunk(info.id(), 0);
        session.execute(SimpleStatement.newInstance("UPDATE " + chunks + " SET data = ? WHERE id = ? AND idx = 0",
                ByteBuffer.wrap(first, 0, CHUNK - 1), info.id().sha256()));
        assertCorrupt(info.id(), "chunk 0 has 999 bytes");

        // Moving bytes across a chunk boundary keeps the whole hash but not the chunk sizes.
        BlobInfo other = await(storage.blobs().put(Buffer.buffer(random(2 * CHUNK))));
        byte[] a = chunk(other.id(), 0);
        byte[] b = chunk(other.id(), 1);
        byte[] longer = new byte[CHUNK + 1];
        System.arraycopy(a, 0, longer, 0, CHUNK);
        longer[CHUNK] = b[0];
        byte[] shorter = new byte[CHUNK - 1];
        System.arraycopy(b, 1, shorter, 0, CHUNK - 1);
        session.execute(SimpleStatement.newInstance("UPDATE " + chunks + " SET data = ? WHERE id = ? AND idx = 0",
                ByteBuffer.wrap(longer), other.id().sha256()));
        session.execute(SimpleStatement.newInstance("UPDATE " + chunks + " SET data = ? WHERE id = ? AND idx = 1",
                ByteBuffer.wrap(shorter), other.id().sha256()));
        assertCorrupt(other.id(), "chunk 0 has 1001 bytes");
    }

    @Test
    void aManifestThatContradictsItselfIsCaught() throws Exception {
        byte[] content = random(2 * CHUNK);
        BlobInfo info = await(storage.blobs().put(Buffer.buffer(content)));
        session.execute(SimpleStatement.newInstance("UPDATE " + manifests + " SET chunks = 1 WHERE id = ?", info.id().sha256()));
        assertCorrupt(info.id(), "inconsistent manifest");
        // Storing the content again repairs it rather than trusting the damaged manifest.
        assertThat(await(storage.blobs().put(Buffer.buffer(content)))).isEqualTo(info);
        assertThat(await(storage.blobs().get(info.id())).getBytes()).isEqualTo(content);
        session.execute(SimpleStatement.newInstance("UPDATE " + manifests + " SET chunks = 1 WHERE id = ?", info.id().sha256()));
        // Damaged or not, it can be removed, chunks and all.
        assertThat(await(storage.blobs().delete(info.id()))).isTrue();
        assertThat(chunkRows(info.id(), 4)).isZero();
        assertThat(await(storage.blobs().stat(info.id()))).isEmpty();
    }

    private byte[] chunk(BlobId id, int idx) {
        ByteBuffer data = session.execute(SimpleStatement.newInstance(
                "SELECT data FROM " + chunks + " WHERE id = ? AND idx = ?", id.sha256(), idx)).one().getByteBuffer("data");
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }

    private void assertCorrupt(BlobId id, String detail) throws Exception {
        assertThatThrownBy(() -> await(storage.blobs().get(id)))
                .isInstanceOf(CorruptBlobException.class).hasMessageContaining(id.sha256()).hasMessageContaining(detail);
        Path dir = Files.createDirectories(scratch.resolve("corrupt-" + System.nanoTime()));
        assertThatThrownBy(() -> await(storage.blobs().copyTo(id, dir.resolve("copy.bin"))))
                .isInstanceOf(CorruptBlobException.class).hasMessageContaining(detail);
        try (var left = Files.list(dir)) {
            assertThat(left.toList()).as("nothing of a corrupt blob is left on disk").isEmpty();
        }
    }
}
