/**
 * WADO-URI (PS3.18 §9), the single-URL retrieve older viewers and reporting systems use: the
 * stored object as {@code application/dicom}; rendered content types belong to the pixel pipeline.
 */
package org.telecare.dicomweb.uri;
