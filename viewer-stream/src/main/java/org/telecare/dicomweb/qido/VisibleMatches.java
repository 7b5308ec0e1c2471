package org.telecare.dicomweb.qido;

import io.vertx.core.Future;
import org.telecare.access.Principal;
import org.telecare.access.policy.AccessDecision;
import org.telecare.access.policy.DataAction;
import org.telecare.archive.index.IndexQuery;
import org.telecare.archive.index.QueryResult;
import org.telecare.archive.index.StudyIndex;
import org.telecare.archive.query.QueryKey;
import org.telecare.dicomweb.StudyAccess;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The matches of a query that the caller may see, paged over what is visible (SEC-4).
 *
 * <p>Data policies are decided per study and the index knows nothing of them, so {@code limit}
 * and {@code offset} cannot be handed to the index as they are: a page cut before filtering
 * would come back short, and the next page's offset would skip or repeat rows depending on how
 * many hidden rows the previous page had. Instead the index is read from its start, page after
 * page, each match kept only if its study is allowed, until {@code offset + limit} visible
 * matches are found or the index has no more; then the caller's window is cut from the visible
 * list. Offsets thus count rows the caller can see, pages are stable and never reveal through
 * their length how many rows were hidden. The cost grows with the offset; reading stops after
 * {@link #MAX_EXAMINED} index rows, and the answer is then marked incomplete (Warning header).
 *
 * @param complete   false when the index stopped at its scan bound or reading stopped early
 * @param hidden     how many examined matches were hidden by policy, for the audit record
 */
record VisibleMatches(List<Map<QueryKey, String>> matches, boolean complete, int studiesAllowed, int hidden) {
    static final int MAX_EXAMINED = 50_000;
    private static final int MIN_PAGE = 100;

    static Future<VisibleMatches> find(StudyIndex index, StudyAccess access, Principal who, IndexQuery query) {
        int wanted = (int) Math.min(Integer.MAX_VALUE, (long) query.offset() + query.limit());
        int page = Math.min(IndexQuery.MAX_LIMIT, Math.max(MIN_PAGE, wanted));
        return new Reader(index, access, who, query, wanted, page).next(0).map(r -> r.window(query));
    }

    private VisibleMatches window(IndexQuery q) {
        int from = Math.min(q.offset(), matches.size());
        int to = Math.min(matches.size(), from + q.limit());
        return new VisibleMatches(List.copyOf(matches.subList(from, to)), complete, studiesAllowed, hidden);
    }

    private static final class Reader {
        private final StudyIndex index;
        private final StudyAccess access;
        private final Principal who;
        private final IndexQuery query;
        private final int wanted;
        private final int page;
        private final Map<String, Boolean> decided = new HashMap<>();
        private final List<Map<QueryKey, String>> visible = new ArrayList<>();
        private boolean complete = true;
        private int hidden;

        Reader(StudyIndex index, StudyAccess access, Principal who, IndexQuery query, int wanted, int page) {
            this.index = index;
            this.access = access;
            this.who = who;
            this.query = query;
            this.wanted = wanted;
            this.page = page;
        }

        Future<VisibleMatches> next(int indexOffset) {
            return index.find(query.withLimit(page, indexOffset)).compose(r -> decideStudies(r).map(v -> {
                complete &= r.complete();
                for (Map<QueryKey, String> m : r.matches()) {
                    if (visible.size() >= wanted) {
                        break;
                    }
                    if (decided.getOrDefault(m.getOrDefault(QueryKey.StudyInstanceUID, ""), false)) {
                        visible.add(m);
                    } else {
                        hidden++;
                    }
                }
                return r;
            })).compose(r -> {
                int examined = indexOffset + r.matches().size();
                if (visible.size() >= wanted || r.matches().size() < page) {
                    return Future.succeededFuture(result());
                }
                if (examined >= MAX_EXAMINED) {
                    complete = false;
                    return Future.succeededFuture(result());
                }
                return next(examined);
            });
        }

        private VisibleMatches result() {
            int allowed = (int) decided.values().stream().filter(b -> b).count();
            return new VisibleMatches(visible, complete, allowed, hidden);
        }

        /** One decision per study, however many of its series or instances the page holds. */
        private Future<Void> decideStudies(QueryResult r) {
            List<Future<Void>> pending = new ArrayList<>();
            for (Map<QueryKey, String> m : r.matches()) {
                String study = m.getOrDefault(QueryKey.StudyInstanceUID, "");
                if (decided.containsKey(study)) {
                    continue;
                }
                decided.put(study, false);
                pending.add(access.decide(who, study, DataAction.READ)
                        .map(d -> {
                            decided.put(study, d.map(AccessDecision::allowed).orElse(false));
                            return (Void) null;
                        }));
            }
            return Future.all(pending).mapEmpty();
        }
    }
}
