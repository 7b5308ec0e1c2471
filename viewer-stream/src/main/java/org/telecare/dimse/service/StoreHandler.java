package org.telecare.dimse.service;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.telecare.dimse.message.Status;

/**
 * Storage SCP contract (PS3.4 Annex B): the archive receives each SOP instance as a stream of
 * data set fragments (bytes in {@link StoreRequest#transferSyntax()}, no Part 10 header) and
 * decides the status. The C-STORE-RSP is sent only when {@link StoreSink#complete()} completes,
 * so "success" means durable (ARC-1).
 */
@FunctionalInterface
public interface StoreHandler {

    /**
     * A C-STORE-RQ arrived. Throw {@link DimseServiceException} to refuse it (e.g. A700H out of
     * resources); its data set is then read and dropped and the status returned.
     */
    StoreSink begin(StoreRequest request);

    /** Where one instance's bytes go. Calls come in order on the association's context. */
    interface StoreSink {

        /** One fragment; the next one waits until the returned future completes. */
        Future<Void> write(Buffer fragment);

        /** All bytes received: make them durable, then answer the status (success, warning B000H…). */
        Future<Status> complete();

        /** The association ended before the last byte (abort, transport loss): keep nothing. */
        void abort(Throwable cause);
    }
}
