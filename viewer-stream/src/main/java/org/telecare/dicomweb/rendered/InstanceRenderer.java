package org.telecare.dicomweb.rendered;

import io.vertx.core.Future;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.io.DicomReader;
import org.telecare.dicom.io.ReadOptions;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.pixel.Frame;
import org.telecare.pixel.PixelDataException;
import org.telecare.pixel.codec.Decoders;
import org.telecare.pixel.render.Renderer;
import org.telecare.storage.blob.BlobStore;
import org.telecare.web.ApiException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One stored instance to one encoded picture: the blob is copied (verified against its id) to
 * a scratch file, read with large values left in the file, one frame decoded, rendered, fitted
 * to the viewport and encoded, all on the {@link RenderPool}; the scratch file is removed
 * whatever happens.
 */
final class InstanceRenderer {
    /** Values above this stay in the scratch file; only the frame asked for is read into memory. */
    private static final long BULK_THRESHOLD = 64 * 1024;

    private final BlobStore blobs;
    private final RenderPool pool;
    private final Path scratch;

    InstanceRenderer(BlobStore blobs, RenderPool pool, Path scratch) {
        this.blobs = blobs;
        this.pool = pool;
        this.scratch = scratch;
    }

    /** The encoded picture of frame {@code frameNumber} (1-based); failures are {@link ApiException}s. */
    Future<byte[]> render(StoredInstance instance, int frameNumber, RenderQuery query) {
        Path file = scratch.resolve(UUID.randomUUID() + ".dcm");
        String what = "instance " + instance.sopInstanceUid();
        return pool.submit(() -> Files.createDirectories(scratch))
                .compose(dir -> blobs.copyTo(instance.blob(), file)
                        .compose(v -> pool.submit(() -> {
                            try {
                                return renderFile(file, instance, frameNumber, query, what);
                            } finally {
                                Files.deleteIfExists(file);
                            }
                        }))
                        // A failed copy or a full pool leaves the scratch file to remove outside the pool's bound.
                        .recover(e -> pool.discard(file).compose(x -> Future.failedFuture(e))));
    }

    private static byte[] renderFile(Path file, StoredInstance instance, int frameNumber, RenderQuery query, String what) {
        try {
            Attributes ds = DicomReader.readFile(file, ReadOptions.DEFAULT.withBulkDataThreshold(BULK_THRESHOLD, null))
                    .dataset();
            Frame frame = Decoders.decode(ds, TransferSyntax.of(instance.transferSyntaxUid()), frameNumber);
            BufferedImage img = Renderer.render(ds, frame, frameNumber - 1, query.window());
            if (query.viewport().isPresent()) {
                img = query.viewport().get().fit(img);
            }
            return query.encoding().encode(img, query.quality());
        } catch (PixelDataException e) {
            throw RenderedErrors.of(e, what);
        } catch (IOException e) {
            throw new ApiException(500, RenderedErrors.DAMAGED, what + " could not be read: " + e.getMessage());
        }
    }
}
