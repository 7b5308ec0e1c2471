/**
 * From a decoded {@link org.telecare.pixel.Frame} to what a person sees (PS3.4 Annex N's grey
 * pipeline, PS3.3 §C.11): Modality LUT (rescale or table), VOI LUT (window or table, with a
 * min/max window when the object has none), MONOCHROME1 inversion, and colour through RGB,
 * YCbCr or a palette; then scaling to a viewport and encoding as JPEG or PNG.
 */
package org.telecare.pixel.render;
