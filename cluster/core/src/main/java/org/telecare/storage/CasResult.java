package org.telecare.storage;

import java.util.Optional;

/**
 * The outcome of a compare-and-set: whether it applied and, either way, the record as it
 * stands afterwards (empty when absent), so that a loser can retry or report who holds it.
 */
public record CasResult(boolean applied, Optional<StoredRecord> current) {
}
