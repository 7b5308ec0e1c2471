/**
 * The archive assembled: checked objects become a blob plus index rows
 * ({@link org.telecare.archive.ingest.IndexingSink}), and readers find them through the
 * {@link org.telecare.archive.catalog.InstanceCatalog} over the index
 * ({@link org.telecare.archive.ingest.IndexCatalog}). Adapts the codec's data sets to the index,
 * which knows neither codec nor network.
 */
package org.telecare.archive.ingest;
