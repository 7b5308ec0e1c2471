package org.telecare.storage;

/** What {@code /health} reports of the storage backend. */
public record StorageHealth(String backend, State state, String detail) {
    public enum State { STARTING, READY, UNAVAILABLE }

    public boolean ready() {
        return state == State.READY;
    }
}
