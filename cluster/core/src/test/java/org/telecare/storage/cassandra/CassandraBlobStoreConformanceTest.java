package org.telecare.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.telecare.storage.blob.BlobId;
import org.telecare.storage.conformance.BlobStoreConformance;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/** The shared blob-store suite against the test Cassandra node. */
class CassandraBlobStoreConformanceTest extends BlobStoreConformance {
    @Override
    protected List<String> recipe(Path dir) {
        return TestKeyspaces.recipe("telecare_conformance");
    }

    /** Flips one byte in the middle of the first chunk, with CQL, behind the store's back. */
    @Override
    protected void corruptStoredContent(BlobId id) {
        CassandraStorage storage = (CassandraStorage) backend;
        CqlSession session = storage.connection().session();
        String table = Cql.qualified(storage.settings().keyspace(), CassandraSchema.BLOB_CHUNK);
        Row row = session.execute(SimpleStatement.newInstance(
                "SELECT data FROM " + table + " WHERE id = ? AND idx = 0", id.sha256())).one();
        ByteBuffer data = row.getByteBuffer("data");
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        bytes[bytes.length / 2] ^= 0x40;
        session.execute(SimpleStatement.newInstance(
                "UPDATE " + table + " SET data = ? WHERE id = ? AND idx = 0", ByteBuffer.wrap(bytes), id.sha256()));
    }
}
