package org.telecare.dimse.message;

import io.vertx.core.buffer.Buffer;
import org.telecare.dimse.association.PresentationContext;

/** A response as received by the invoker, with its data set (a C-FIND match) or {@code null}. */
public record Received(Dimse.Response response, PresentationContext context, Buffer dataSet) {
}
