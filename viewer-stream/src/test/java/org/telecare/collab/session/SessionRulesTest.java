package org.telecare.collab.session;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.telecare.collab.CollabErrors;
import org.telecare.web.ApiException;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may do what in a session (COLLAB-1, COLLAB-2), without a cluster. */
class SessionRulesTest {
    static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    static Member member(String login) {
        return new Member(login, "Dr " + login, "u-" + login, T);
    }

    static CollabSession next(Change c) {
        assertThat(c).isInstanceOf(Change.Next.class);
        return ((Change.Next) c).session();
    }

    static CollabSession withBobAndCarol() {
        CollabSession s = CollabSession.start("s1", "2.25.1", Optional.of("CT review"), Optional.empty(), member("alice"));
        s = next(SessionRules.invite(s, "alice", Set.of("bob", "carol")));
        s = next(SessionRules.join(s, member("bob")));
        return next(SessionRules.join(s, member("carol")));
    }

    static int code(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e.code();
        }
        throw new AssertionError("no error");
    }

    @Test
    void theCreatorPresentsAndOnlyInvitedUsersJoin() {
        CollabSession s = CollabSession.start("s1", "2.25.1", Optional.empty(), Optional.empty(), member("alice"));
        assertThat(s.presenter()).isEqualTo("alice");
        assertThat(s.isMember("alice")).isTrue();
        assertThat(code(() -> SessionRules.join(s, member("mallory")))).isEqualTo(CollabErrors.NOT_MEMBER);
        assertThat(code(() -> SessionRules.invite(s, "mallory", Set.of("mallory")))).isEqualTo(CollabErrors.NOT_ALLOWED);
        assertThat(code(() -> SessionRules.invite(s, "alice", Set.of("no spaces")))).isEqualTo(CollabErrors.BAD_MESSAGE);
        CollabSession full = withBobAndCarol();
        assertThat(full.members()).containsOnlyKeys("alice", "bob", "carol");
        assertThat(SessionRules.join(full, member("bob"))).isInstanceOf(Change.None.class);
        Change.Next presence = (Change.Next) SessionRules.invite(full, "alice", Set.of("dave"));
        assertThat(presence.event()).isInstanceOf(SessionEvent.Presence.class);
    }

    @Test
    void onlyThePresenterChangesTheStateAndReservedMembersAreRefused() {
        CollabSession s = withBobAndCarol();
        JsonObject patch = new JsonObject("{\"viewports\":{\"0\":{\"slice\":120,\"voi\":{\"center\":40,\"width\":400}}}}");
        CollabSession after = next(SessionRules.state(s, "alice", "c1", patch));
        assertThat(after.state().getJsonObject("viewports").getJsonObject("0").getInteger("slice")).isEqualTo(120);
        assertThat(code(() -> SessionRules.state(s, "bob", "c2", patch))).isEqualTo(CollabErrors.NOT_PRESENTER);
        assertThat(code(() -> SessionRules.state(s, "mallory", "c3", patch))).isEqualTo(CollabErrors.NOT_MEMBER);
        assertThat(code(() -> SessionRules.state(s, "alice", "c1", new JsonObject("{\"annotations\":{}}"))))
                .isEqualTo(CollabErrors.BAD_MESSAGE);
        assertThat(SessionRules.state(after, "alice", "c1", patch)).as("no change, no event").isInstanceOf(Change.None.class);
        String deep = "{\"a\":".repeat(20) + "1" + "}".repeat(20);
        assertThat(code(() -> SessionRules.state(s, "alice", "c1", new JsonObject(deep)))).isEqualTo(CollabErrors.BAD_MESSAGE);
    }

    @Test
    void handOverByThePresenterOnRequestAndTheCreatorTakesItBack() {
        CollabSession s = withBobAndCarol();
        assertThat(code(() -> SessionRules.handOver(s, "bob", "bob"))).isEqualTo(CollabErrors.NOT_ALLOWED);
        CollabSession asked = next(SessionRules.requestPresenter(s, "bob"));
        assertThat(asked.presenterRequest()).contains("bob");
        CollabSession bobPresents = next(SessionRules.handOver(asked, "alice", "bob"));
        assertThat(bobPresents.presenter()).isEqualTo("bob");
        assertThat(bobPresents.presenterRequest()).isEmpty();
        assertThat(code(() -> SessionRules.state(bobPresents, "alice", "c1", new JsonObject().put("layout", "1x1"))))
                .isEqualTo(CollabErrors.NOT_PRESENTER);
        next(SessionRules.state(bobPresents, "bob", "c2", new JsonObject().put("layout", "1x1")));
        CollabSession carol = next(SessionRules.handOver(bobPresents, "bob", "carol"));
        CollabSession back = next(SessionRules.handOver(carol, "alice", "alice"));
        assertThat(back.presenter()).isEqualTo("alice");
        assertThat(code(() -> SessionRules.handOver(s, "alice", "dave"))).isEqualTo(CollabErrors.CONFLICT);
    }

    @Test
    void thePresenterCannotLeaveAndARemovedMemberLosesLinksAndPointer() {
        CollabSession s = withBobAndCarol();
        assertThat(code(() -> SessionRules.leave(s, "alice"))).isEqualTo(CollabErrors.CONFLICT);
        CollabSession online = next(SessionRules.connect(s, "c-bob", new Link("bob", "node-a")));
        online = next(SessionRules.pointer(online, "bob", "c-bob", new JsonObject().put("x", 1).put("y", 2).put("viewport", "0")));
        assertThat(online.online()).containsExactly("bob");
        CollabSession removed = next(SessionRules.uninvite(online, "alice", "bob"));
        assertThat(removed.members()).doesNotContainKey("bob");
        assertThat(removed.invited()).doesNotContain("bob");
        assertThat(removed.links()).isEmpty();
        CollabSession left = next(SessionRules.leave(s, "carol"));
        assertThat(left.invited()).as("leaving keeps the invitation").contains("carol");
        assertThat(code(() -> SessionRules.uninvite(s, "alice", "alice"))).isEqualTo(CollabErrors.CONFLICT);

        CollabSession gone = next(SessionRules.disconnect(online, "c-bob"));
        assertThat(gone.online()).isEmpty();
        assertThat(gone.state().getJsonObject("pointers")).as("a pointer of someone gone is taken down").isEmpty();
    }

    @Test
    void connectionsPerUserAreBounded() {
        CollabSession s = withBobAndCarol();
        for (int i = 0; i < SessionRules.MAX_LINKS_PER_USER; i++) {
            s = next(SessionRules.connect(s, "c" + i, new Link("bob", "n")));
        }
        CollabSession full = s;
        assertThat(code(() -> SessionRules.connect(full, "cx", new Link("bob", "n")))).isEqualTo(CollabErrors.TOO_MANY_CONNECTIONS);
        assertThat(code(() -> SessionRules.connect(full, "cy", new Link("mallory", "n")))).isEqualTo(CollabErrors.NOT_MEMBER);
    }

    @Test
    void annotationsAreAttributedAndOnlyTheirAuthorEditsThem() {
        CollabSession s = withBobAndCarol();
        JsonObject line = new JsonObject("{\"tool\":\"Length\",\"points\":[[0,0],[10,0]],\"label\":\"10 mm\"}");
        Change.Next added = (Change.Next) SessionRules.annotation(s, "bob", "c-bob", new AnnotationOp.Add("a1", line));
        JsonObject stored = added.session().state().getJsonObject("annotations").getJsonObject("a1");
        assertThat(stored.getString("author")).isEqualTo("bob");
        assertThat(((SessionEvent.Patch) added.event()).from()).isEqualTo("bob");
        CollabSession a = added.session();
        assertThat(code(() -> SessionRules.annotation(a, "carol", "c", new AnnotationOp.Add("a1", line)))).isEqualTo(CollabErrors.CONFLICT);
        assertThat(code(() -> SessionRules.annotation(a, "carol", "c", new AnnotationOp.Update("a1", line)))).isEqualTo(CollabErrors.NOT_ALLOWED);
        assertThat(code(() -> SessionRules.annotation(a, "carol", "c", new AnnotationOp.Remove("a1")))).isEqualTo(CollabErrors.NOT_ALLOWED);
        assertThat(code(() -> SessionRules.annotation(a, "bob", "c", new AnnotationOp.Add("bad id!", line)))).isEqualTo(CollabErrors.BAD_MESSAGE);

        // An update replaces: the label the new version lacks is gone, for everyone applying the same patch.
        Change.Next updated = (Change.Next) SessionRules.annotation(a, "bob", "c-bob",
                new AnnotationOp.Update("a1", new JsonObject("{\"tool\":\"Length\",\"points\":[[0,0],[12,0]]}")));
        JsonObject patch = ((SessionEvent.Patch) updated.event()).patch();
        assertThat(MergePatch.apply(a.state(), patch)).isEqualTo(updated.session().state());
        assertThat(updated.session().state().getJsonObject("annotations").getJsonObject("a1").containsKey("label")).isFalse();
        assertThat(updated.session().state().getJsonObject("annotations").getJsonObject("a1").getString("author")).isEqualTo("bob");

        CollabSession u = updated.session();
        CollabSession cleared = next(SessionRules.annotation(u, "alice", "c-a", new AnnotationOp.Remove("a1")));
        assertThat(cleared.state().getJsonObject("annotations")).isEmpty();
        assertThat(code(() -> SessionRules.annotation(u, "bob", "c", new AnnotationOp.Clear()))).isEqualTo(CollabErrors.NOT_PRESENTER);
        assertThat(next(SessionRules.annotation(u, "alice", "c", new AnnotationOp.Clear())).state().getJsonObject("annotations")).isEmpty();
        JsonObject huge = new JsonObject().put("text", "x".repeat(SessionRules.MAX_ANNOTATION_BYTES));
        assertThat(code(() -> SessionRules.annotation(a, "bob", "c", new AnnotationOp.Add("a2", huge)))).isEqualTo(CollabErrors.TOO_LARGE);
    }

    @Test
    void onlyTheCreatorOrThePresenterEndsTheSession() {
        CollabSession s = withBobAndCarol();
        assertThat(code(() -> SessionRules.end(s, "bob"))).isEqualTo(CollabErrors.NOT_ALLOWED);
        assertThat(SessionRules.end(s, "alice")).isInstanceOf(Change.End.class);
    }

    @Test
    void theStoredFormRoundTrips() {
        CollabSession s = next(SessionRules.connect(withBobAndCarol(), "c1", new Link("bob", "node-b")));
        s = next(SessionRules.state(s, "alice", "c0", new JsonObject("{\"layout\":{\"rows\":1,\"cols\":2}}"))).withSeq(7);
        assertThat(CollabSession.fromJson(new JsonObject(s.toJson().encode()))).isEqualTo(s);
    }
}
