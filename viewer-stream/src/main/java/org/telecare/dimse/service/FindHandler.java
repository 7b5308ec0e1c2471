package org.telecare.dimse.service;

import io.vertx.core.Future;
import org.telecare.dimse.message.Status;

/**
 * Query SCP contract (C-FIND, PS3.4 C.4.1): send each match with {@link Responder#match}, stop
 * when {@link Responder#cancelled()}, and complete with the final status: success,
 * {@link Status#CANCEL} after a C-CANCEL, or a failure (A700H, A900H, Cxxx).
 */
@FunctionalInterface
public interface FindHandler {
    Future<Status> find(QueryRequest request, Responder responder);
}
