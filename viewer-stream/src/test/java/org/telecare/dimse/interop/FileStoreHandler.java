package org.telecare.dimse.interop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.service.StoreHandler;
import org.telecare.dimse.service.StoreRequest;

import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A test storage SCP: streams each instance to {@code <dir>/<uid>.part} with non-blocking file
 * writes, fsyncs and renames it to {@code <uid>} on completion, deletes it on abort.
 */
public final class FileStoreHandler implements StoreHandler {
    private final Vertx vertx;
    private final Path dir;
    public final Queue<String> stored = new ConcurrentLinkedQueue<>();
    public final Queue<String> aborted = new ConcurrentLinkedQueue<>();
    public final Queue<String> begun = new ConcurrentLinkedQueue<>();
    public final Map<String, String> transferSyntaxes = new ConcurrentHashMap<>();

    public FileStoreHandler(Vertx vertx, Path dir) {
        this.vertx = vertx;
        this.dir = dir;
    }

    public Path fileOf(String sopInstanceUid) {
        return dir.resolve(sopInstanceUid);
    }

    @Override
    public StoreSink begin(StoreRequest request) {
        String uid = request.sopInstanceUid();
        begun.add(uid);
        transferSyntaxes.put(uid, request.transferSyntax());
        Path part = dir.resolve(uid + ".part");
        Future<AsyncFile> file = vertx.fileSystem().open(part.toString(),
                new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true));
        return new StoreSink() {
            @Override
            public Future<Void> write(Buffer fragment) {
                return file.compose(f -> f.write(fragment));
            }

            @Override
            public Future<Status> complete() {
                return file.compose(f -> f.flush().compose(v -> f.close()))
                        .compose(v -> vertx.fileSystem().move(part.toString(), fileOf(uid).toString(),
                                new io.vertx.core.file.CopyOptions().setReplaceExisting(true)))
                        .map(v -> {
                            stored.add(uid);
                            return Status.SUCCESS;
                        });
            }

            @Override
            public void abort(Throwable cause) {
                file.compose(AsyncFile::close).compose(v -> vertx.fileSystem().delete(part.toString()))
                        .onComplete(ar -> aborted.add(uid));
            }
        };
    }
}
