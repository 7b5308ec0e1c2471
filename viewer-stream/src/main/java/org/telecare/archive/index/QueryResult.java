package org.telecare.archive.index;

import org.telecare.archive.query.QueryKey;

import java.util.List;
import java.util.Map;

/**
 * The matches of one query, in a stable order, each as its returned attributes (DICOM text, an
 * empty string for a requested attribute without value, PS3.4 §C.4.1.1.3.2).
 *
 * @param complete {@code false} when a query with no indexed key stopped after examining the
 *                 index's scan bound; QIDO-RS reports it as a warning (PS3.18 §8.3.4.2)
 */
public record QueryResult(List<Map<QueryKey, String>> matches, boolean complete) {
    public QueryResult {
        matches = List.copyOf(matches);
    }
}
