package org.telecare.storage.snapshot;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An in-memory copy of one small, rarely written partition (policies, custom roles, known AEs,
 * routing rules) that every node keeps current: a writer calls {@link #changed()}, which reloads
 * here and tells the other nodes over the event bus; a periodic reload covers a missed message
 * (a node that was partitioned away). Readers get the last complete copy without I/O, so
 * hot paths (a decision per QIDO row) stay on the event loop.
 *
 * <p>A record that fails to decode is logged and left out rather than hiding the others.
 */
public final class TableSnapshot<T> {
    private static final Logger LOG = LoggerFactory.getLogger(TableSnapshot.class);
    private static final int PAGE = 1000;

    private final Vertx vertx;
    private final RecordStore store;
    private final TableSpec table;
    private final String partition;
    private final Function<StoredRecord, T> decode;
    private final Duration refresh;
    private final String address;
    private final List<Consumer<List<T>>> listeners = new ArrayList<>();
    /** The one context all reload bookkeeping runs on. */
    private final Context context;

    private volatile List<T> current = List.of();
    private boolean loading;
    private boolean again;
    private List<Promise<Void>> waiting = new ArrayList<>();
    private MessageConsumer<String> consumer;
    private long timer = -1;

    public TableSnapshot(Vertx vertx, RecordStore store, TableSpec table, String partition,
                         Function<StoredRecord, T> decode, Duration refresh) {
        this.vertx = vertx;
        this.store = store;
        this.table = table;
        this.partition = partition;
        this.decode = decode;
        this.refresh = refresh;
        this.address = "telecare.snapshot." + table.name() + "." + partition;
        this.context = vertx.getOrCreateContext();
    }

    /** Loads the first copy and starts listening; fails when the first load fails. */
    public Future<Void> start() {
        consumer = vertx.eventBus().consumer(address, m -> reload());
        timer = vertx.setPeriodic(refresh.toMillis(), id -> reload());
        return reload();
    }

    public void close() {
        if (consumer != null) {
            consumer.unregister();
        }
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public List<T> current() {
        return current;
    }

    /** Called (on the event loop) with each new copy. */
    public void onChange(Consumer<List<T>> listener) {
        listeners.add(listener);
    }

    /** After a write: this node's copy includes it when the future completes; other nodes follow shortly. */
    public Future<Void> changed() {
        vertx.eventBus().publish(address, "changed");
        return reload();
    }

    /** Coalesces concurrent reloads: one in flight, at most one more queued behind it. */
    private Future<Void> reload() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            waiting.add(done);
            if (loading) {
                again = true;
                return;
            }
            loadNow();
        });
        return done.future();
    }

    private void loadNow() {
        loading = true;
        List<Promise<Void>> mine = waiting;
        waiting = new ArrayList<>();
        loadAll(new ArrayList<>(), Optional.empty()).onComplete(ar -> {
            if (ar.succeeded()) {
                current = List.copyOf(ar.result());
                listeners.forEach(l -> l.accept(current));
                mine.forEach(Promise::complete);
            } else {
                LOG.warn("reloading {} failed; keeping the previous copy: {}", table.name(), ar.cause().toString());
                mine.forEach(p -> p.fail(ar.cause()));
            }
            loading = false;
            if (again || !waiting.isEmpty()) {
                again = false;
                loadNow();
            }
        });
    }

    private Future<List<T>> loadAll(List<T> into, Optional<String> after) {
        RangeQuery q = RangeQuery.all(partition).limit(PAGE);
        if (after.isPresent()) {
            q = q.from(after.get() + '\u0000');
        }
        return store.range(table, q).compose(page -> {
            for (StoredRecord r : page) {
                try {
                    into.add(decode.apply(r));
                } catch (RuntimeException e) {
                    LOG.error("{} record {} does not decode; left out: {}", table.name(), r.key(), e.toString());
                }
            }
            return page.size() < PAGE ? Future.succeededFuture(into)
                    : loadAll(into, Optional.of(page.getLast().key().clustering()));
        });
    }
}
