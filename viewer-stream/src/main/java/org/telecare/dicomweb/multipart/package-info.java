/**
 * {@code multipart/related} (RFC 2387 over RFC 2046 §5.1) as DICOMweb uses it: WADO-RS answers
 * and STOW-RS requests (PS3.18 §8.6.1.2). Parsing is push-style and bounded, so a request of any
 * size streams through to storage without being held in memory.
 */
package org.telecare.dicomweb.multipart;
