package org.telecare.archive.remote;

import io.vertx.core.Future;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The known remote AEs, looked up by title (case-sensitive, as PS3.8 §7.1.1 compares AE titles
 * after trimming spaces). Reads never block; implementations keep a snapshot.
 */
public interface RemoteAes {

    /** No AE is known: every C-MOVE destination is refused with A801H. */
    RemoteAes NONE = of(List.of());

    Optional<RemoteAe> byTitle(String aeTitle);

    Future<List<RemoteAe>> all();

    /** A fixed set, for tests and for configurations without the admin API. */
    static RemoteAes of(List<RemoteAe> aes) {
        Map<String, RemoteAe> byTitle = new java.util.LinkedHashMap<>();
        aes.forEach(ae -> byTitle.put(ae.aeTitle(), ae));
        List<RemoteAe> copy = List.copyOf(byTitle.values());
        return new RemoteAes() {
            @Override
            public Optional<RemoteAe> byTitle(String aeTitle) {
                return Optional.ofNullable(byTitle.get(aeTitle == null ? null : aeTitle.strip()));
            }

            @Override
            public Future<List<RemoteAe>> all() {
                return Future.succeededFuture(copy);
            }
        };
    }
}
