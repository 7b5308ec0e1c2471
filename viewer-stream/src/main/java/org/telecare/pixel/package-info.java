/**
 * The pixel pipeline (issue #4): from a stored data set's Pixel Data to a raw frame of samples
 * ({@link org.telecare.pixel.codec}) and from that frame to an 8-bit grey or RGB picture
 * ({@link org.telecare.pixel.render}). Pure computation over the codec's data model: no Vert.x,
 * no network, no storage, so it runs on any worker thread and is tested alone. Decoding and
 * rendering are blocking CPU work; callers run them off the event loop.
 */
package org.telecare.pixel;
