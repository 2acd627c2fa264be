package io.custodian.records.web;

import io.custodian.media.ChannelMode;
import io.custodian.media.InvalidWavException;
import io.custodian.media.UlawConverter;
import io.custodian.records.Recording;
import org.jspecify.annotations.Nullable;

/**
 * A recording as G.711 u-law 8 kHz WAV, converted while it streams out of the vault by the same
 * {@link UlawConverter} the SFTP offload uses, so both give the same bytes. Its size is known in
 * advance (from the stored format), its SHA-256 only once converted: it has an entity tag of its
 * own but no {@code Repr-Digest}.
 */
final class UlawRendition {

  private UlawRendition() {}

  static Representation of(Recording.Audio audio, ChannelMode mode) {
    UlawConverter converter = new UlawConverter(mode);
    String name = mode == ChannelMode.MIX ? "ulaw-mix" : "ulaw";
    return new Representation(
        name,
        "audio/wav",
        size(converter, audio),
        "\"" + audio.sha256() + "-" + name + "\"",
        null,
        (in, out) -> {
          try {
            converter.convert(in, out);
          } catch (InvalidWavException e) {
            throw new VerifiedContent.RenditionException(
                "The stored audio does not convert: " + e.getMessage(), e);
          }
        });
  }

  /** The converted size, or null when the stored record does not say its audio's length. */
  private static @Nullable Long size(UlawConverter converter, Recording.Audio audio) {
    if (audio.dataBytes() <= 0) {
      return null;
    }
    try {
      return converter.outputSize(audio.wavFormat());
    } catch (IllegalArgumentException e) {
      return null; // the conversion itself reports why it is impossible
    }
  }
}
