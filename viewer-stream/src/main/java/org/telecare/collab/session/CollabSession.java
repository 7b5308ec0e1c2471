package org.telecare.collab.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A collaborative viewing session as the cluster holds it (COLLAB-1 … COLLAB-3): who may come
 * ({@code invited}), who came ({@code members}), who presents, the shared viewing state and the
 * sequence number of the last change. Immutable; changes make new values ({@link SessionRules}).
 *
 * @param invited logins that may join; the creator is always among them
 * @param links   live connections by connection id, across nodes
 * @param seq     the number of the last event of this session; every change takes the next one
 * @param state   the snapshot: layout, viewports, annotations, pointers (see docs/collab-protocol.md)
 */
public record CollabSession(String id, String studyUid, Optional<String> title, Optional<String> consultId,
                            String creator, Instant createdAt, Set<String> invited, Map<String, Member> members,
                            String presenter, Optional<String> presenterRequest, long seq, JsonObject state,
                            Map<String, Link> links) {
    public CollabSession {
        invited = java.util.Collections.unmodifiableSet(new TreeSet<>(invited));
        members = java.util.Collections.unmodifiableMap(new TreeMap<>(members));
        links = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(links));
        state = state.copy();
    }

    /** A new session: the creator has joined and presents; nothing is shared yet (seq 0). */
    public static CollabSession start(String id, String studyUid, Optional<String> title, Optional<String> consultId,
                                      Member creator) {
        return new CollabSession(id, studyUid, title, consultId, creator.login(), creator.joinedAt(),
                Set.of(creator.login()), Map.of(creator.login(), creator), creator.login(), Optional.empty(), 0,
                new JsonObject(), Map.of());
    }

    public boolean isMember(String login) {
        return members.containsKey(login);
    }

    public boolean mayJoin(String login) {
        return invited.contains(login);
    }

    public Set<String> online() {
        Set<String> out = new TreeSet<>();
        links.values().forEach(l -> out.add(l.login()));
        return out;
    }

    public CollabSession withState(long newSeq, JsonObject newState) {
        return new CollabSession(id, studyUid, title, consultId, creator, createdAt, invited, members, presenter,
                presenterRequest, newSeq, newState, links);
    }

    CollabSession with(Set<String> newInvited, Map<String, Member> newMembers, String newPresenter,
                       Optional<String> newRequest, Map<String, Link> newLinks) {
        return new CollabSession(id, studyUid, title, consultId, creator, createdAt, newInvited, newMembers,
                newPresenter, newRequest, seq, state, newLinks);
    }

    CollabSession withSeq(long newSeq) {
        return withState(newSeq, state);
    }

    /** The members as participants see them (presence): login, name, online, presenting. */
    public JsonArray memberList() {
        Set<String> online = online();
        JsonArray out = new JsonArray();
        members.values().forEach(m -> out.add(new JsonObject().put("login", m.login()).put("name", m.name())
                .put("online", online.contains(m.login())).put("presenter", m.login().equals(presenter))));
        return out;
    }

    /** What {@code GET /collab/sessions/:id} answers: everything but the state and the connections. */
    public JsonObject describe() {
        JsonObject j = new JsonObject().put("id", id).put("studyInstanceUid", studyUid)
                .put("creator", creator).put("createdAt", createdAt.toString())
                .put("presenter", presenter).put("invited", new JsonArray(invited.stream().toList()))
                .put("members", memberList()).put("seq", seq);
        title.ifPresent(t -> j.put("title", t));
        consultId.ifPresent(c -> j.put("consultId", c));
        presenterRequest.ifPresent(r -> j.put("presenterRequest", r));
        return j;
    }

    /** The stored form (cluster map value). */
    public JsonObject toJson() {
        JsonObject m = new JsonObject();
        members.forEach((login, member) -> m.put(login, member.toJson()));
        JsonObject l = new JsonObject();
        links.forEach((conn, link) -> l.put(conn, link.toJson()));
        JsonObject j = new JsonObject().put("id", id).put("studyInstanceUid", studyUid)
                .put("creator", creator).put("createdAt", createdAt.toString())
                .put("invited", new JsonArray(invited.stream().toList())).put("members", m)
                .put("presenter", presenter).put("seq", seq).put("state", state).put("links", l);
        title.ifPresent(t -> j.put("title", t));
        consultId.ifPresent(c -> j.put("consultId", c));
        presenterRequest.ifPresent(r -> j.put("presenterRequest", r));
        return j;
    }

    public static CollabSession fromJson(JsonObject j) {
        Map<String, Member> members = new TreeMap<>();
        j.getJsonObject("members").forEach(e -> members.put(e.getKey(), Member.fromJson(e.getKey(), (JsonObject) e.getValue())));
        Map<String, Link> links = new LinkedHashMap<>();
        j.getJsonObject("links").forEach(e -> links.put(e.getKey(), Link.fromJson((JsonObject) e.getValue())));
        Set<String> invited = new TreeSet<>();
        j.getJsonArray("invited").forEach(v -> invited.add((String) v));
        return new CollabSession(j.getString("id"), j.getString("studyInstanceUid"),
                Optional.ofNullable(j.getString("title")), Optional.ofNullable(j.getString("consultId")),
                j.getString("creator"), Instant.parse(j.getString("createdAt")), invited, members,
                j.getString("presenter"), Optional.ofNullable(j.getString("presenterRequest")),
                j.getLong("seq"), j.getJsonObject("state"), links);
    }
}
