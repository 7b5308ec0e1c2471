package org.telecare.archive.store;

import io.vertx.core.Future;
import org.telecare.dimse.message.Status;

/**
 * Makes a checked object durable and findable, then answers the status the sender gets: success
 * only when both are done (ARC-1); a warning such as B007H when attributes were coerced; a
 * failure when the duplicate policy refuses it.
 */
@FunctionalInterface
public interface ArchiveSink {
    Future<Status> accept(ReceivedObject object);
}
