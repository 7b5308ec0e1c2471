package org.telecare.dicomweb.stow;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import org.telecare.dicomweb.DicomWebErrors;
import org.telecare.dicomweb.multipart.ContentType;
import org.telecare.dicomweb.multipart.MultipartException;
import org.telecare.dicomweb.multipart.MultipartParser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Receives a STOW-RS body into spool files, one per {@code application/dicom} part, as it
 * arrives: the request is paused while more than {@link #MAX_BUFFERED} bytes wait for the disk,
 * so memory is bounded whatever the body size. The future completes only for a whole,
 * well-formed body within {@code maxBytes}; otherwise every file written is deleted and it fails
 * (400 malformed or truncated, 413 too large): a part is never stored from a body that did not
 * arrive complete, since the client cannot know which parts the server saw (PS3.18 §10.5.3).
 */
final class MultipartSpool {
    static final int MAX_BUFFERED = 4 * 1024 * 1024;

    private final Vertx vertx;
    private final Path spool;
    private final long maxBytes;
    private final HttpServerRequest request;
    private final Promise<List<SpooledPart>> done = Promise.promise();
    private final List<SpooledPart> parts = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private Future<Void> writes = Future.succeededFuture();
    private MultipartParser parser;
    private long received;
    private long buffered;
    private boolean paused;
    private boolean failed;

    private MultipartSpool(Vertx vertx, Path spool, long maxBytes, HttpServerRequest request) {
        this.vertx = vertx;
        this.spool = spool;
        this.maxBytes = maxBytes;
        this.request = request;
    }

    /** Spools the body of {@code request}, whose type has been checked to be {@code multipart/related}. */
    static Future<List<SpooledPart>> receive(Vertx vertx, Path spool, long maxBytes, HttpServerRequest request,
                                             ContentType type) {
        MultipartSpool s = new MultipartSpool(vertx, spool, maxBytes, request);
        String boundary;
        try {
            boundary = type.boundary();
        } catch (MultipartException e) {
            return Future.failedFuture(DicomWebErrors.badMultipart(e.getMessage()));
        }
        String defaultType = type.parameter("type").orElse("application/dicom");
        s.parser = new MultipartParser(boundary, s.new Parts(defaultType));
        request.handler(s::chunk);
        request.exceptionHandler(e -> s.fail(DicomWebErrors.badMultipart("the body was cut off: " + e.getMessage())));
        request.endHandler(v -> s.end());
        request.resume();
        return s.done.future();
    }

    private void chunk(Buffer chunk) {
        if (failed) {
            return;
        }
        received += chunk.length();
        if (received > maxBytes) {
            fail(DicomWebErrors.tooLarge(maxBytes));
            return;
        }
        try {
            parser.feed(chunk);
        } catch (MultipartException e) {
            fail(DicomWebErrors.badMultipart(e.getMessage()));
        }
    }

    private void end() {
        if (failed) {
            return;
        }
        try {
            parser.end();
        } catch (MultipartException e) {
            fail(DicomWebErrors.badMultipart(e.getMessage()));
            return;
        }
        writes.onComplete(r -> {
            if (r.failed()) {
                fail(r.cause());
            } else if (!failed) {
                done.complete(List.copyOf(parts));
            }
        });
    }

    private void fail(Throwable cause) {
        if (failed) {
            return;
        }
        failed = true;
        // The files are deleted once every write queued so far is done, so none reappears after its delete.
        writes.eventually(() -> Future.all(files.stream().map(f -> vertx.fileSystem().delete(f.toString())
                .otherwiseEmpty()).toList())).onComplete(v -> done.fail(cause));
    }

    /** Deletes the spool files of parts handed out by a completed {@link #receive}. */
    static Future<Void> delete(Vertx vertx, List<SpooledPart> parts) {
        return Future.all(parts.stream().flatMap(p -> p.file().stream())
                .map(f -> vertx.fileSystem().delete(f.toString()).otherwiseEmpty()).toList()).mapEmpty();
    }

    private void queued(int bytes) {
        buffered += bytes;
        if (buffered > MAX_BUFFERED && !paused) {
            paused = true;
            request.pause();
        }
    }

    private void written(int bytes) {
        buffered -= bytes;
        if (paused && buffered < MAX_BUFFERED / 4 && !failed) {
            paused = false;
            request.resume();
        }
    }

    private final class Parts implements MultipartParser.Parts {
        private final String defaultType;
        private Future<AsyncFile> current;
        private Path path;
        private String partType;
        private long size;

        Parts(String defaultType) {
            this.defaultType = defaultType;
        }

        @Override
        public void started(Map<String, String> headers) {
            partType = headers.getOrDefault("content-type", defaultType);
            size = 0;
            String media = partType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (media.equals("application/dicom")) {
                path = spool.resolve("stow-" + UUID.randomUUID() + ".dcm");
                files.add(path);
                Path p = path;
                current = writes.compose(v -> vertx.fileSystem().open(p.toString(),
                        new OpenOptions().setCreateNew(true).setWrite(true)));
                writes = current.mapEmpty();
            } else {
                path = null;
                current = null;
            }
        }

        @Override
        public void data(Buffer chunk) {
            size += chunk.length();
            if (current == null) {
                return; // not a DICOM part: counted, reported as failed, not kept
            }
            int n = chunk.length();
            queued(n);
            Future<AsyncFile> file = current;
            writes = writes.compose(v -> file.compose(f -> f.write(chunk))).andThen(r -> written(n));
        }

        @Override
        public void ended() {
            if (current != null) {
                Future<AsyncFile> file = current;
                writes = writes.compose(v -> file.compose(AsyncFile::close));
            }
            parts.add(new SpooledPart(parts.size() + 1, partType, Optional.ofNullable(path), size));
        }
    }
}
