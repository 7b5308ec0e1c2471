package org.telecare.dimse.message;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Receives the data set of an incoming message fragment by fragment, as the PDVs arrive
 * (PS3.8 Annex E). Calls come on the association's context, in order.
 */
public interface DataSink {

    /**
     * One fragment. The returned future (or {@code null}) holds back the next fragment, and the
     * socket, until it completes: a slow disk slows the sender instead of filling memory.
     */
    Future<Void> chunk(Buffer fragment);

    /** The last fragment has been delivered. */
    void end();

    /** The association ended before the last fragment; nothing received should be kept. */
    void fail(Throwable cause);

    /** A sink that drops the data. */
    DataSink DISCARD = new DataSink() {
        public Future<Void> chunk(Buffer fragment) {
            return null;
        }

        public void end() {
        }

        public void fail(Throwable cause) {
        }
    };
}
