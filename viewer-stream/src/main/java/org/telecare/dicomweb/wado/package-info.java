/**
 * WADO-RS (PS3.18 §10.4): instances as {@code multipart/related; type="application/dicom"},
 * streamed from the blob store slice by slice with the client's pace, and {@code /metadata} from
 * the index without opening a file; frames and bulk data cut from the stored object by range
 * reads. Every answer is decided by the data policies first (SEC-4).
 */
package org.telecare.dicomweb.wado;
