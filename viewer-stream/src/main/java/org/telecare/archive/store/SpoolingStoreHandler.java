package org.telecare.archive.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.Part10;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.service.DimseServiceException;
import org.telecare.dimse.service.StoreHandler;
import org.telecare.dimse.service.StoreRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/**
 * The storage SCP's side of ARC-1: each C-STORE's fragments go, as they arrive and with the
 * sender held back by the file's pace, into a spool file that starts with our own File Meta
 * Information (so the bytes kept are a Part 10 file whose data set is exactly what was sent);
 * then the object is parsed and checked off the event loop and handed to the {@link ArchiveSink}.
 * The C-STORE-RSP carries the sink's status. An abort, a parse failure or a refusal leaves no
 * spool file behind.
 */
public final class SpoolingStoreHandler implements StoreHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolingStoreHandler.class);

    private final Vertx vertx;
    private final Path spool;
    private final ArchiveSink sink;
    private final Clock clock;

    public SpoolingStoreHandler(Vertx vertx, Path spool, ArchiveSink sink, Clock clock) throws IOException {
        this.vertx = vertx;
        this.spool = Files.createDirectories(spool);
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public StoreSink begin(StoreRequest request) {
        return new Spool(request);
    }

    private final class Spool implements StoreSink {
        private final StoreRequest request;
        private final Path file = spool.resolve(UUID.randomUUID() + ".dcm");
        private final FileMetaInfo meta;
        private Future<AsyncFile> open;
        private long size;

        Spool(StoreRequest request) {
            this.request = request;
            this.meta = ObjectCheck.meta(request.sopClassUid(), request.sopInstanceUid(), request.transferSyntax(),
                    request.association().callingAeTitle());
        }

        private Future<AsyncFile> file() {
            if (open == null) {
                ByteArrayOutputStream header = new ByteArrayOutputStream(256);
                try {
                    Part10.writeFileMetaInfo(header, meta);
                } catch (IOException e) {
                    return Future.failedFuture(e);
                }
                open = vertx.fileSystem().open(file.toString(), new OpenOptions().setCreateNew(true).setWrite(true))
                        .compose(f -> f.write(Buffer.buffer(header.toByteArray())).map(f));
                size += header.size();
            }
            return open;
        }

        @Override
        public Future<Void> write(Buffer fragment) {
            size += fragment.length();
            return file().compose(f -> f.write(fragment));
        }

        @Override
        public Future<Status> complete() {
            return file().compose(AsyncFile::close)
                    .compose(v -> vertx.executeBlocking(() -> ObjectCheck.parse(file, request.sopClassUid(),
                            request.sopInstanceUid()), false))
                    .compose(ds -> sink.accept(new ReceivedObject(file, meta, ds, size,
                            request.association().callingAeTitle(), clock.instant(),
                            request.association().calledAeTitle())))
                    .recover(e -> {
                        Status status = DimseServiceException.statusOf(e, Status.OUT_OF_RESOURCES);
                        LOG.warn("C-STORE of {} from {} refused with {}: {}", request.sopInstanceUid(),
                                request.association().callingAeTitle(), status, e.getMessage());
                        return Future.succeededFuture(status.errorComment() == null && e.getMessage() != null
                                ? status.withComment(e.getMessage()) : status);
                    })
                    .eventually(() -> delete());
        }

        @Override
        public void abort(Throwable cause) {
            (open == null ? Future.<Void>succeededFuture() : open.compose(AsyncFile::close).otherwiseEmpty())
                    .eventually(() -> delete());
        }

        private Future<Void> delete() {
            return vertx.fileSystem().delete(file.toString()).otherwiseEmpty();
        }
    }
}
