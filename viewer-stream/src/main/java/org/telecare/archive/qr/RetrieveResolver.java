package org.telecare.archive.qr;

import io.vertx.core.Future;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.archive.index.IndexQuery;
import org.telecare.archive.index.StudyIndex;
import org.telecare.archive.query.QueryKey;
import org.telecare.archive.query.QueryLevel;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.service.DimseServiceException;
import org.telecare.dimse.service.QueryRequest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a C-MOVE or C-GET identifier asks for, as stored instances (PS3.4 §C.4.2.2.1, §C.4.3.2.1):
 * the unique key of the retrieve level, one value or a list of UIDs, and optionally the unique
 * keys of the levels above (which then must match). Other keys are ignored, as the standard has
 * only unique keys in a retrieve identifier. Entities that do not exist select nothing: the
 * retrieve then succeeds with no sub-operations.
 */
final class RetrieveResolver {
    private final StudyIndex index;
    private final InstanceCatalog catalog;

    RetrieveResolver(StudyIndex index, InstanceCatalog catalog) {
        this.index = index;
        this.catalog = catalog;
    }

    /** The instances, in study, series and instance order; fails with A900H for an unusable identifier. */
    Future<List<StoredInstance>> resolve(QueryRequest request) {
        InformationModel model = InformationModel.of(request.sopClassUid());
        QueryIdentifier id = QueryIdentifier.parse(request.identifier(), request.transferSyntax());
        QueryLevel level = model.check(id.level());
        QueryKey unique = QueryKey.uniqueKey(level);
        Map<QueryKey, String> keys = new EnumMap<>(QueryKey.class);
        for (QueryLevel l : QueryLevel.values()) {
            QueryKey k = QueryKey.uniqueKey(l);
            String v = id.value(k).strip();
            if (l.isAtOrAbove(level) && !v.isEmpty()) {
                if (v.indexOf('*') >= 0 || v.indexOf('?') >= 0 || (k == QueryKey.PatientID && v.indexOf('\\') >= 0)) {
                    throw new DimseServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                            k.keyword() + ": a retrieve takes UIDs, not wild cards (PS3.4 C.4.2.2.1)");
                }
                keys.put(k, v);
            }
        }
        if (!keys.containsKey(unique)) {
            // Universal matching on the unique key would retrieve everything: refuse it.
            throw new DimseServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                    "a " + level + " retrieve needs " + unique.keyword() + " (PS3.4 C.4.2.2.1)");
        }
        if (level == QueryLevel.PATIENT) {
            return entities(new IndexQuery(QueryLevel.STUDY, keys, Set.of(), IndexQuery.MAX_LIMIT, 0, false, false), 0,
                    new ArrayList<>()).compose(this::instances);
        }
        IndexQuery query;
        try {
            query = new IndexQuery(level, keys, Set.of(), IndexQuery.MAX_LIMIT, 0, false, true);
        } catch (IllegalArgumentException e) {
            throw new DimseServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.getMessage());
        }
        return entities(query, 0, new ArrayList<>()).compose(this::instances);
    }

    /** Every matching entity (its unique keys), page by page. */
    private Future<List<Map<QueryKey, String>>> entities(IndexQuery query, int offset, List<Map<QueryKey, String>> found) {
        return index.find(query.withLimit(IndexQuery.MAX_LIMIT, offset)).recover(e -> Future.failedFuture(
                e instanceof IllegalArgumentException
                        ? new DimseServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.getMessage())
                        : new DimseServiceException(Status.UNABLE_TO_PROCESS, e)))
                .compose(r -> {
                    found.addAll(r.matches());
                    return r.matches().size() == IndexQuery.MAX_LIMIT
                            ? entities(query, offset + IndexQuery.MAX_LIMIT, found) : Future.succeededFuture(found);
                });
    }

    /** The instances under the entities: per study, per series, or the named ones of each series. */
    private Future<List<StoredInstance>> instances(List<Map<QueryKey, String>> entities) {
        Map<List<String>, Set<String>> bySeries = new LinkedHashMap<>();
        Set<String> studies = new java.util.LinkedHashSet<>();
        for (Map<QueryKey, String> e : entities) {
            String study = e.getOrDefault(QueryKey.StudyInstanceUID, "");
            String series = e.getOrDefault(QueryKey.SeriesInstanceUID, "");
            String sop = e.getOrDefault(QueryKey.SOPInstanceUID, "");
            if (study.isEmpty()) {
                continue;
            }
            if (series.isEmpty()) {
                studies.add(study);
            } else {
                Set<String> sops = bySeries.computeIfAbsent(List.of(study, series), k -> new HashSet<>());
                if (!sop.isEmpty()) {
                    sops.add(sop);
                }
            }
        }
        Future<List<StoredInstance>> chain = Future.succeededFuture(new ArrayList<>());
        for (String study : studies) {
            chain = chain.compose(acc -> catalog.instances(study, Optional.empty(), Optional.empty()).map(l -> add(acc, l)));
        }
        for (Map.Entry<List<String>, Set<String>> s : bySeries.entrySet()) {
            Set<String> sops = s.getValue();
            chain = chain.compose(acc -> catalog.instances(s.getKey().get(0), Optional.of(s.getKey().get(1)), Optional.empty())
                    .map(l -> add(acc, sops.isEmpty() ? l : l.stream().filter(i -> sops.contains(i.sopInstanceUid())).toList())));
        }
        return chain;
    }

    private static List<StoredInstance> add(List<StoredInstance> acc, List<StoredInstance> more) {
        acc.addAll(more);
        return acc;
    }
}
