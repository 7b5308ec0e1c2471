/**
 * DICOMweb rendered resources (PS3.18 §10.4.1.1.3) and thumbnails: an instance or one of its
 * frames as {@code image/jpeg} or {@code image/png}, windowed and scaled as the query asks,
 * and a thumbnail of a study, series, instance or frame. Access is checked as for WADO-RS
 * ({@link org.telecare.dicomweb.StudyAccess}); decoding and rendering run on a bounded worker
 * pool, never on the event loop.
 */
package org.telecare.dicomweb.rendered;
