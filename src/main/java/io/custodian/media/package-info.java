/**
 * Audio media handling: strict streaming WAV validation, canonical WAV headers, G.711 codecs and
 * conversion to the u-law 8 kHz offload format, in pure JDK code.
 */
@NullMarked
package io.custodian.media;

import org.jspecify.annotations.NullMarked;
