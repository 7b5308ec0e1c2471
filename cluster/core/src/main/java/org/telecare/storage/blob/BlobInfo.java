package org.telecare.storage.blob;

/** A stored blob: its id and size in bytes. */
public record BlobInfo(BlobId id, long size) {
}
