package org.telecare.dimse.service;

import org.telecare.dimse.association.SyntaxSupport;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.message.RequestHandler;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SCP services of an AE, registered by SOP Class UID (the abstract syntaxes the acceptor
 * accepts, PS3.7 §D.3.3). Verification (C-ECHO) is always there. Each SOP class accepts the
 * transfer syntaxes of its kind of service, best first: {@link TransferSyntaxes#STORAGE} for
 * storage, {@link TransferSyntaxes#UNCOMPRESSED} otherwise; {@link #transferSyntaxes(String, List)}
 * overrides that.
 */
public final class ServiceRegistry implements SyntaxSupport {

    /** The handlers for one SOP class; a class may be served by several (never in practice). */
    record Services(StoreHandler store, FindHandler find, MoveHandler move, GetHandler get, boolean echo) {
        Services with(StoreHandler s) {
            return new Services(s, find, move, get, echo);
        }

        Services with(FindHandler f) {
            return new Services(store, f, move, get, echo);
        }

        Services with(MoveHandler m) {
            return new Services(store, find, m, get, echo);
        }

        Services with(GetHandler g) {
            return new Services(store, find, move, g, echo);
        }
    }

    private static final Services NONE = new Services(null, null, null, null, false);

    private final Map<String, Services> bySopClass = new ConcurrentHashMap<>();
    private final Map<String, List<String>> transferSyntaxes = new ConcurrentHashMap<>();

    public ServiceRegistry() {
        bySopClass.put(SopClasses.VERIFICATION, new Services(null, null, null, null, true));
    }

    /** Storage SCP for these SOP classes (e.g. {@link SopClasses#STORAGE}). */
    public ServiceRegistry store(StoreHandler handler, Collection<String> sopClasses) {
        sopClasses.forEach(c -> bySopClass.merge(c, NONE.with(handler), (old, n) -> old.with(handler)));
        return this;
    }

    public ServiceRegistry find(FindHandler handler, String... sopClasses) {
        for (String c : sopClasses) {
            bySopClass.merge(c, NONE.with(handler), (old, n) -> old.with(handler));
        }
        return this;
    }

    public ServiceRegistry move(MoveHandler handler, String... sopClasses) {
        for (String c : sopClasses) {
            bySopClass.merge(c, NONE.with(handler), (old, n) -> old.with(handler));
        }
        return this;
    }

    public ServiceRegistry get(GetHandler handler, String... sopClasses) {
        for (String c : sopClasses) {
            bySopClass.merge(c, NONE.with(handler), (old, n) -> old.with(handler));
        }
        return this;
    }

    /** Overrides the transfer syntaxes (best first) accepted for one SOP class. */
    public ServiceRegistry transferSyntaxes(String sopClass, List<String> preferred) {
        transferSyntaxes.put(sopClass, List.copyOf(preferred));
        return this;
    }

    Services services(String sopClass) {
        return bySopClass.getOrDefault(sopClass, NONE);
    }

    /**
     * Storage classes are also accepted without a store handler when C-GET is served: the
     * requestor receives the sub-operation C-STOREs on them (PS3.4 C.4.3.1).
     */
    @Override
    public List<String> transferSyntaxes(String abstractSyntax) {
        Services s = bySopClass.get(abstractSyntax);
        if (s == null) {
            boolean retrievable = servesGet() && SopClasses.STORAGE.contains(abstractSyntax);
            return retrievable ? transferSyntaxes.getOrDefault(abstractSyntax, TransferSyntaxes.STORAGE) : List.of();
        }
        List<String> override = transferSyntaxes.get(abstractSyntax);
        if (override != null) {
            return override;
        }
        return s.store() != null ? TransferSyntaxes.STORAGE : TransferSyntaxes.UNCOMPRESSED;
    }

    /** A C-GET requestor takes the SCP role for storage classes when we serve C-GET at all. */
    @Override
    public boolean acceptsRequestorAsScp(String sopClassUid) {
        return servesGet();
    }

    private boolean servesGet() {
        return bySopClass.values().stream().anyMatch(s -> s.get() != null);
    }

    /** The request handler that dispatches to these services (one per association is fine). */
    public RequestHandler requestHandler() {
        return new Dispatcher(this);
    }
}
