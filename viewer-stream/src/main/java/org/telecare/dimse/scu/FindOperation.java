package org.telecare.dimse.scu;

import io.vertx.core.Future;
import org.telecare.dimse.message.Status;

/** A C-FIND in progress: its final status, and C-CANCEL. */
public interface FindOperation {

    /** The final status: success, cancel (FE00H) or a failure. */
    Future<Status> status();

    /** Sends C-CANCEL-RQ (PS3.7 §9.3.2.3); matches may still arrive until the final response. */
    Future<Void> cancel();
}
