/**
 * The archive's patient / study / series / instance index over the storage SPI:
 * {@link org.telecare.archive.index.StudyIndex} indexes {@link org.telecare.archive.index.IndexedInstance}s,
 * answers {@link org.telecare.archive.index.IndexQuery}s for C-FIND and QIDO-RS, resolves
 * instances for retrieve and serves per-series metadata for WADO-RS. Table layout in
 * {@code IndexTables}.
 */
package org.telecare.archive.index;
