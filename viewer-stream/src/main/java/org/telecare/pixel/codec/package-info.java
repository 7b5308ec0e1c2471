/**
 * Decoding of Pixel Data to raw frames, one {@link org.telecare.pixel.codec.FrameDecoder} per
 * family of transfer syntaxes (PS3.5 §8 and Annex A), chosen by UID in
 * {@link org.telecare.pixel.codec.Decoders}: native little and big endian; RLE Lossless (Annex G)
 * and JPEG-LS (ITU-T T.87), written here; JPEG baseline, extended and lossless through
 * TwelveMonkeys ImageIO, with 12-bit DCT written here (T.81); JPEG 2000 through jai-imageio.
 * An unsupported syntax is a typed {@link org.telecare.pixel.PixelDataException}, never a guess.
 */
package org.telecare.pixel.codec;
