package org.telecare.dimse.service;

import io.vertx.core.Future;

/**
 * Retrieve SCP contract for C-MOVE (PS3.4 C.4.2): the archive opens its own association to
 * {@link QueryRequest#moveDestination()} (refuse unknown ones with A801H), reports progress with
 * {@link Responder#progress} and completes with the final status and counts.
 */
@FunctionalInterface
public interface MoveHandler {
    Future<RetrieveResult> move(QueryRequest request, Responder responder);
}
