package org.telecare.archive.outbound;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.Fixtures;
import org.telecare.dicom.io.Part10;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dicom.transcode.NativeTranscoder;
import org.telecare.dimse.message.Payload;
import org.telecare.dimse.scu.NoPresentationContextException;
import org.telecare.storage.blob.BlobInfo;
import org.telecare.storage.embedded.LocalBlobStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What goes out for a stored object: as stored when accepted, re-encoded otherwise, work files removed. */
class OutboundDataTest {
    static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    static final String IMPLICIT = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();

    @TempDir
    Path dir;
    Vertx vertx;
    LocalBlobStore blobs;
    OutboundData data;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        blobs = new LocalBlobStore(vertx, Executors.newVirtualThreadPerTaskExecutor(), dir.resolve("blobs"), true);
        data = new OutboundData(vertx, blobs, Files.createDirectories(dir.resolve("work")));
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        }
    }

    /** A stored implicit VR object of about {@code pixels} * 2 bytes; returns its Part 10 bytes. */
    byte[] stored(int rows) throws Exception {
        Attributes ds = Fixtures.allVrs();
        ds.putInts(Tag.ROWS, VR.US, rows);
        ds.putInts(Tag.COLUMNS, VR.US, 2048);
        ds.putInts(Tag.BITS_ALLOCATED, VR.US, 16);
        byte[] pixels = new byte[rows * 2048 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 >>> 3);
        }
        ds.putBytes(Tag.PIXEL_DATA, VR.OW, pixels);
        return DicomWriter.toBytes(FileMetaInfo.forDataset(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN), ds);
    }

    static Buffer read(Payload p) throws Exception {
        return switch (p) {
            case Payload.Bytes b -> b.data();
            case Payload.Stream s -> {
                Promise<Buffer> all = Promise.promise();
                Buffer out = Buffer.buffer();
                s.data().handler(out::appendBuffer).endHandler(v -> all.complete(out)).exceptionHandler(all::fail);
                s.data().resume();
                yield await(all.future());
            }
        };
    }

    OutboundObject object(BlobInfo info) {
        return new OutboundObject(Fixtures.SC_IMAGE, Fixtures.INSTANCE_UID, IMPLICIT, info.id(), -1, -1);
    }

    @Test
    void smallAndLargeObjectsGoAsStoredOrReencodedAndLeaveNoWorkFiles() throws Exception {
        for (int rows : List.of(16, 4200)) {
            byte[] part10 = stored(rows);
            BlobInfo info = await(blobs.put(Buffer.buffer(part10)));
            byte[] dataSet = Arrays.copyOfRange(part10, (int) Part10.readFileMetaInfo(new java.io.ByteArrayInputStream(part10))
                    .datasetOffset(), part10.length);

            OutboundData.Prepared same = await(data.prepare(object(info), (c, ts) -> ts.contains(IMPLICIT)
                    ? Optional.of(IMPLICIT) : Optional.empty()));
            assertThat(same.transferSyntaxUid()).isEqualTo(IMPLICIT);
            assertThat(read(same.payload()).getBytes()).as(rows + " rows as stored").isEqualTo(dataSet);

            OutboundData.Prepared other = await(data.prepare(object(info), (c, ts) -> ts.contains(EXPLICIT)
                    ? Optional.of(EXPLICIT) : Optional.empty()));
            assertThat(other.transferSyntaxUid()).isEqualTo(EXPLICIT);
            assertThat(read(other.payload()).getBytes()).as(rows + " rows re-encoded")
                    .isEqualTo(NativeTranscoder.transcode(dataSet, IMPLICIT, EXPLICIT));
            other.release().run();
        }
        for (int i = 0; i < 100 && Files.list(dir.resolve("work")).findAny().isPresent(); i++) {
            Thread.sleep(50);
        }
        try (var left = Files.list(dir.resolve("work"))) {
            assertThat(left).as("work files").isEmpty();
        }
    }

    @Test
    void aSyntaxNothingCanReachIsRefusedAsHavingNoContext() throws Exception {
        BlobInfo info = await(blobs.put(Buffer.buffer(stored(4))));
        String jpeg = TransferSyntax.JPEG_BASELINE.uid();
        assertThatThrownBy(() -> await(data.prepare(object(info), (c, ts) -> ts.contains(jpeg) ? Optional.of(jpeg)
                : Optional.empty()))).isInstanceOf(NoPresentationContextException.class);
    }
}
