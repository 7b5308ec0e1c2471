/**
 * The storage SPI: the few ports every module stores through, so that one code path runs on
 * the embedded single-node store and on Cassandra alike.
 *
 * <ul>
 *   <li>{@link org.telecare.storage.RecordStore}: records addressed by partition and
 *       clustering key, range reads within a partition, TTL, and compare-and-set for the few
 *       places where correctness needs it (slot booking, report lock).</li>
 *   <li>{@link org.telecare.storage.blob.BlobStore}: large immutable binaries (DICOM files,
 *       slides, recordings, PDFs), content-addressed by SHA-256 and verified on every read.</li>
 *   <li>{@link org.telecare.storage.StorageBackend}: one of the two backends behind both ports,
 *       with its schema migrations and health.</li>
 * </ul>
 *
 * Every operation returns a Vert.x {@code Future} and never blocks the caller's event loop.
 */
package org.telecare.storage;
