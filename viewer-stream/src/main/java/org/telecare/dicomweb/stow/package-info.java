/**
 * STOW-RS (PS3.18 §10.5): storing over HTTP through the same checks and archive sink as the
 * DICOM storage SCP, from a body spooled to disk, never held in memory.
 */
package org.telecare.dicomweb.stow;
