package org.telecare.collab.session;

import io.vertx.core.json.JsonObject;
import org.telecare.collab.CollabErrors;
import org.telecare.web.ApiException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who may do what in a session, as pure functions from a session to a {@link Change}
 * (COLLAB-1, COLLAB-2). The registry runs them under the session's cluster lock, so each sees
 * the latest session and their results are numbered in order.
 *
 * <ul>
 *   <li>Membership is by invitation: the creator and the presenter invite logins; an invited
 *   user joins (the study's data policy is checked by the caller first). Later the consult
 *   workflow invites its participants the same way.</li>
 *   <li>Only the presenter changes the shared state. The presenter hands over to any member;
 *   a member may ask ({@code presenterRequest}); the creator may always take the role back, so a
 *   session never stays without a presenter who is reachable.</li>
 *   <li>Any member points and annotates; annotations carry their author, only the author edits
 *   or removes them, the presenter may remove any (clear all).</li>
 * </ul>
 */
public final class SessionRules {
    /** Top-level state members that only the server writes: they carry attribution. */
    public static final Set<String> RESERVED = Set.of("annotations", "pointers");
    public static final int MAX_INVITED = 64;
    public static final int MAX_LINKS_PER_USER = 4;
    public static final int MAX_ANNOTATIONS = 500;
    public static final int MAX_ANNOTATION_BYTES = 16 * 1024;
    private static final Pattern ANNOTATION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    private SessionRules() {
    }

    public static boolean validLogin(String login) {
        return login != null && LOGIN.matcher(login).matches();
    }

    public static Change invite(CollabSession s, String actor, Set<String> logins) {
        requireCreatorOrPresenter(s, actor, "invite");
        Set<String> invited = new TreeSet<>(s.invited());
        for (String l : logins) {
            if (!validLogin(l)) {
                throw CollabErrors.bad("not a login: " + l);
            }
            invited.add(l);
        }
        if (invited.size() > MAX_INVITED) {
            throw CollabErrors.conflict("a session has at most " + MAX_INVITED + " invited users");
        }
        if (invited.equals(s.invited())) {
            return Change.NONE;
        }
        return presence(s.with(invited, s.members(), s.presenter(), s.presenterRequest(), s.links()));
    }

    /** Takes a user out: no longer invited, no longer a member, their connections are closed. */
    public static Change uninvite(CollabSession s, String actor, String login) {
        requireCreatorOrPresenter(s, actor, "remove participants");
        if (login.equals(s.creator()) || login.equals(s.presenter())) {
            throw CollabErrors.conflict("the creator and the presenter cannot be removed");
        }
        if (!s.invited().contains(login)) {
            return Change.NONE;
        }
        return presence(without(s, login, true));
    }

    public static Change join(CollabSession s, Member m) {
        if (!s.mayJoin(m.login())) {
            throw CollabErrors.notMember("you are not invited to this session");
        }
        if (s.isMember(m.login())) {
            return Change.NONE;
        }
        Map<String, Member> members = new HashMap<>(s.members());
        members.put(m.login(), m);
        return presence(s.with(s.invited(), members, s.presenter(), s.presenterRequest(), s.links()));
    }

    /** Leaving keeps the invitation, so the user may come back. */
    public static Change leave(CollabSession s, String actor) {
        if (!s.isMember(actor)) {
            return Change.NONE;
        }
        if (actor.equals(s.presenter())) {
            throw CollabErrors.conflict("the presenter hands over before leaving (or ends the session)");
        }
        return presence(without(s, actor, false));
    }

    public static Change handOver(CollabSession s, String actor, String to) {
        if (!actor.equals(s.presenter()) && !actor.equals(s.creator())) {
            throw CollabErrors.notAllowed("only the presenter (or the session's creator) hands the presenter role over");
        }
        if (!s.isMember(to)) {
            throw CollabErrors.conflict(to + " has not joined the session");
        }
        if (to.equals(s.presenter())) {
            return Change.NONE;
        }
        return presence(s.with(s.invited(), s.members(), to, Optional.empty(), s.links()));
    }

    public static Change requestPresenter(CollabSession s, String actor) {
        requireMember(s, actor);
        if (actor.equals(s.presenter()) || s.presenterRequest().equals(Optional.of(actor))) {
            return Change.NONE;
        }
        return presence(s.with(s.invited(), s.members(), s.presenter(), Optional.of(actor), s.links()));
    }

    public static Change connect(CollabSession s, String connection, Link link) {
        requireMember(s, link.login());
        long mine = s.links().values().stream().filter(l -> l.login().equals(link.login())).count();
        if (mine >= MAX_LINKS_PER_USER) {
            throw new ApiException(429, CollabErrors.TOO_MANY_CONNECTIONS,
                    "at most " + MAX_LINKS_PER_USER + " connections per user and session");
        }
        Map<String, Link> links = new LinkedHashMap<>(s.links());
        links.put(connection, link);
        return presence(s.with(s.invited(), s.members(), s.presenter(), s.presenterRequest(), links));
    }

    public static Change disconnect(CollabSession s, String connection) {
        if (!s.links().containsKey(connection)) {
            return Change.NONE;
        }
        Map<String, Link> links = new LinkedHashMap<>(s.links());
        Link gone = links.remove(connection);
        boolean stillOnline = links.values().stream().anyMatch(l -> l.login().equals(gone.login()));
        JsonObject state = s.state();
        if (!stillOnline && state.getJsonObject("pointers", new JsonObject()).containsKey(gone.login())) {
            // A pointer of someone who is gone would hang in every viewport.
            state = MergePatch.apply(state, new JsonObject().put("pointers", new JsonObject().putNull(gone.login())));
        }
        CollabSession next = s.with(s.invited(), s.members(), s.presenter(), s.presenterRequest(), links);
        return presence(next.withState(next.seq(), state));
    }

    public static Change end(CollabSession s, String actor) {
        requireCreatorOrPresenter(s, actor, "end the session");
        return new Change.End(new SessionEvent.Ended(actor));
    }

    /** The presenter's partial update of the shared view (RFC 7396). */
    public static Change state(CollabSession s, String actor, String origin, JsonObject patch) {
        requireMember(s, actor);
        if (!actor.equals(s.presenter())) {
            throw CollabErrors.notPresenter();
        }
        for (String key : patch.fieldNames()) {
            if (RESERVED.contains(key)) {
                throw CollabErrors.bad("'" + key + "' is written with its own message type, not with state");
            }
        }
        if (MergePatch.depth(patch) > MergePatch.MAX_DEPTH) {
            throw CollabErrors.bad("the patch is nested deeper than " + MergePatch.MAX_DEPTH + " levels");
        }
        if (patch.isEmpty()) {
            return Change.NONE;
        }
        return patched(s, actor, origin, patch);
    }

    /** A member's pointer, or {@code null} to hide it. */
    public static Change pointer(CollabSession s, String actor, String origin, JsonObject pointer) {
        requireMember(s, actor);
        return patched(s, actor, origin, new JsonObject().put("pointers", new JsonObject().put(actor, pointer)));
    }

    public static Change annotation(CollabSession s, String actor, String origin, AnnotationOp op) {
        requireMember(s, actor);
        JsonObject all = s.state().getJsonObject("annotations", new JsonObject());
        JsonObject change = new JsonObject();
        switch (op) {
            case AnnotationOp.Add add -> {
                checkId(add.id());
                if (all.containsKey(add.id())) {
                    throw CollabErrors.conflict("annotation " + add.id() + " exists; use update");
                }
                if (all.size() >= MAX_ANNOTATIONS) {
                    throw CollabErrors.conflict("a session holds at most " + MAX_ANNOTATIONS + " annotations");
                }
                change.put(add.id(), attributed(add.data(), actor));
            }
            case AnnotationOp.Update update -> {
                checkId(update.id());
                JsonObject existing = all.getJsonObject(update.id());
                if (existing == null) {
                    throw CollabErrors.conflict("no annotation " + update.id());
                }
                if (!actor.equals(existing.getString("author"))) {
                    throw CollabErrors.notAllowed("only the author changes an annotation");
                }
                change.put(update.id(), attributed(update.data(), actor));
            }
            case AnnotationOp.Remove remove -> {
                checkId(remove.id());
                JsonObject existing = all.getJsonObject(remove.id());
                if (existing == null) {
                    return Change.NONE;
                }
                if (!actor.equals(existing.getString("author")) && !actor.equals(s.presenter())) {
                    throw CollabErrors.notAllowed("only the author or the presenter removes an annotation");
                }
                change.putNull(remove.id());
            }
            case AnnotationOp.Clear clear -> {
                if (!actor.equals(s.presenter())) {
                    throw CollabErrors.notPresenter();
                }
                all.fieldNames().forEach(change::putNull);
            }
        }
        if (change.isEmpty()) {
            return Change.NONE;
        }
        return patched(s, actor, origin, new JsonObject().put("annotations", change));
    }

    private static JsonObject attributed(JsonObject data, String author) {
        if (data.toBuffer().length() > MAX_ANNOTATION_BYTES) {
            throw CollabErrors.tooLarge("an annotation is at most " + MAX_ANNOTATION_BYTES + " bytes");
        }
        if (MergePatch.depth(data) > MergePatch.MAX_DEPTH - 2) {
            throw CollabErrors.bad("the annotation is nested too deeply");
        }
        return data.copy().put("author", author);
    }

    private static Change patched(CollabSession s, String actor, String origin, JsonObject patch) {
        JsonObject effective = patch;
        if (patch.getValue("annotations") instanceof JsonObject annotations) {
            // An update replaces the annotation, but merge patch merges: fields of the previous
            // version that the new one lacks are nulled explicitly, so every client ends up equal.
            JsonObject current = s.state().getJsonObject("annotations", new JsonObject());
            JsonObject fixed = new JsonObject();
            annotations.forEach(e -> {
                if (e.getValue() instanceof JsonObject next && current.getValue(e.getKey()) instanceof JsonObject prev) {
                    JsonObject full = next.copy();
                    prev.fieldNames().stream().filter(f -> !next.containsKey(f)).forEach(full::putNull);
                    fixed.put(e.getKey(), full);
                } else {
                    fixed.put(e.getKey(), e.getValue());
                }
            });
            effective = patch.copy().put("annotations", fixed);
        }
        JsonObject next = MergePatch.apply(s.state(), effective);
        if (next.equals(s.state())) {
            return Change.NONE;
        }
        return new Change.Next(s.withState(s.seq(), next), new SessionEvent.Patch(actor, origin, effective));
    }

    private static void checkId(String id) {
        if (id == null || !ANNOTATION_ID.matcher(id).matches()) {
            throw CollabErrors.bad("an annotation id is 1-64 characters of letters, digits and _ . : -");
        }
    }

    private static CollabSession without(CollabSession s, String login, boolean dropInvitation) {
        Set<String> inv = new TreeSet<>(s.invited());
        if (dropInvitation) {
            inv.remove(login);
        }
        Map<String, Member> members = new HashMap<>(s.members());
        members.remove(login);
        Map<String, Link> links = new LinkedHashMap<>(s.links());
        links.values().removeIf(l -> l.login().equals(login));
        Optional<String> request = s.presenterRequest().filter(r -> !r.equals(login));
        return s.with(inv, members, s.presenter(), request, links);
    }

    private static Change presence(CollabSession next) {
        return new Change.Next(next, SessionEvent.Presence.of(next));
    }

    private static void requireMember(CollabSession s, String actor) {
        if (!s.isMember(actor)) {
            throw CollabErrors.notMember("you are not a member of this session");
        }
    }

    private static void requireCreatorOrPresenter(CollabSession s, String actor, String what) {
        if (!actor.equals(s.creator()) && !actor.equals(s.presenter())) {
            throw CollabErrors.notAllowed("only the creator or the presenter may " + what);
        }
    }
}
