package io.custodian.offload.format;

import io.custodian.media.AudioEncoding;

/**
 * The audio file delivered for a call, which may differ from the one received (transcoded to u-law,
 * mixed down): the CSV describes both, so the archive can verify what it holds.
 *
 * @param name its plain file name in the batch, normally {@link FileNames#wav}
 * @param size its length in bytes
 * @param sha256 its SHA-256, lower-case hex
 */
public record VoiceFile(
    String name, long size, String sha256, AudioEncoding encoding, int sampleRate, int channels) {

  /**
   * @throws IllegalArgumentException if a field is out of its range
   */
  public VoiceFile {
    FileNames.requirePlain(name);
    Sha256Hex.require(sha256);
    if (size < 0 || sampleRate < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "size " + size + ", sample rate " + sampleRate + ", channels " + channels);
    }
  }
}
