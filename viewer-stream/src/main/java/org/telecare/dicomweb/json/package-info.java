/**
 * The DICOM JSON model of PS3.18 Annex F: what QIDO-RS answers and WADO-RS {@code /metadata}
 * return. Bulk data (pixel data, large binary values) is never inlined past a threshold: it is
 * referenced by a {@code BulkDataURI} the caller chooses (PS3.18 §F.2.6).
 */
package org.telecare.dicomweb.json;
