package org.telecare.dimse.service;

import io.vertx.core.Future;

/**
 * Retrieve SCP contract for C-GET (PS3.4 C.4.3): the sub-operations are C-STOREs on the same
 * association, sent with {@link Responder#store}; report progress with {@link Responder#progress}
 * and complete with the final status and counts.
 */
@FunctionalInterface
public interface GetHandler {
    Future<RetrieveResult> get(QueryRequest request, Responder responder);
}
