package org.telecare.audit;

import java.util.List;
import java.util.Optional;

/**
 * One page of search results.
 *
 * @param entries    at most the query's limit, in the query's order. A page may hold fewer while
 *                   {@code nextCursor} is present: one search reads a bounded number of index rows,
 *                   so a sparse filter over a long range takes several calls
 * @param nextCursor pass to {@link AuditQuery#withCursor} for the next page; empty at the end
 * @param suspect    index rows skipped because they are not consistent with themselves (their hash
 *                   does not match their content, or their key does not match their event): signs
 *                   of tampering with the index tables, to be shown to the auditor. The chain itself
 *                   is checked by {@link AuditTrail#verify}
 */
public record AuditPage(List<AuditEntry> entries, Optional<String> nextCursor, int suspect) {
    public AuditPage {
        entries = List.copyOf(entries);
    }
}
