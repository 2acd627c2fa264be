/**
 * Audio media handling: strict streaming WAV validation, canonical WAV headers and G.711 codecs, in
 * pure JDK code.
 */
@NullMarked
package io.custodian.media;

import org.jspecify.annotations.NullMarked;
