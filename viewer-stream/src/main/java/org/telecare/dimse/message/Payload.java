package org.telecare.dimse.message;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The data set that follows a command: already in memory, or a stream that is fragmented into
 * PDVs as it is read (so a large SOP instance never has to be held whole). Bytes are in the
 * presentation context's transfer syntax, without Part 10 preamble or meta header.
 */
public sealed interface Payload permits Payload.Bytes, Payload.Stream {

    record Bytes(Buffer data) implements Payload {
        public Bytes {
            if (data.length() == 0) {
                throw new IllegalArgumentException("an empty data set cannot be sent");
            }
        }
    }

    /** A stream of data set bytes; it is paused and resumed to follow the socket's write queue. */
    record Stream(ReadStream<Buffer> data) implements Payload {
    }

    static Payload of(Buffer data) {
        return new Bytes(data);
    }

    static Payload of(ReadStream<Buffer> data) {
        return new Stream(data);
    }
}
