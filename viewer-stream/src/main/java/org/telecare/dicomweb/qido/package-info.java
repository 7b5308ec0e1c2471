/**
 * QIDO-RS (PS3.18 §10.6): searches for studies, series and instances over the archive's study
 * index, filtered by the data policies before paging, answered in the DICOM JSON model.
 */
package org.telecare.dicomweb.qido;
