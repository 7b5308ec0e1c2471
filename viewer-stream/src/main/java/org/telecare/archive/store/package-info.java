/**
 * How objects come into the archive (ARC-1): received bytes are spooled to a Part 10 file, parsed
 * and checked, and only then handed to the {@link org.telecare.archive.store.ArchiveSink} that makes
 * them durable and indexed; the C-STORE (or STOW-RS) answer waits for it. Nothing half-received
 * or unparseable reaches the sink, and the spool is cleaned whatever happens.
 */
package org.telecare.archive.store;
