package org.telecare.collab.session;

/** What a rule made of a request: nothing to do, a next session with its event, or the end. */
public sealed interface Change {
    record None() implements Change {
    }

    /** {@code session}'s seq is set by the registry when it numbers {@code event}. */
    record Next(CollabSession session, SessionEvent event) implements Change {
    }

    record End(SessionEvent.Ended event) implements Change {
    }

    Change NONE = new None();
}
