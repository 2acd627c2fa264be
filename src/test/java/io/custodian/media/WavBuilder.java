package io.custodian.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Assembles RIFF/WAVE files chunk by chunk, including deliberately inconsistent ones, for tests.
 */
final class WavBuilder {

  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private String riffId = "RIFF";
  private String form = "WAVE";
  private long riffSizeDelta;
  private long riffSizeOverride = -1;

  static WavBuilder wave() {
    return new WavBuilder();
  }

  WavBuilder riffId(String id) {
    this.riffId = id;
    return this;
  }

  WavBuilder form(String type) {
    this.form = type;
    return this;
  }

  /** Declares a RIFF size that differs from the true one by {@code delta}. */
  WavBuilder riffSizeDelta(long delta) {
    this.riffSizeDelta = delta;
    return this;
  }

  /** Declares exactly {@code size} as the RIFF size. */
  WavBuilder riffSize(long size) {
    this.riffSizeOverride = size;
    return this;
  }

  /** A well-formed chunk: the true size, then the payload and a pad byte if odd. */
  WavBuilder chunk(String id, byte[] payload) {
    return chunk(id, payload.length, payload, (payload.length & 1) == 1);
  }

  /**
   * A chunk declaring {@code declaredSize} but carrying {@code payload} (plus a zero byte if {@code
   * pad}).
   */
  WavBuilder chunk(String id, long declaredSize, byte[] payload, boolean pad) {
    body.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(u32(declaredSize));
    body.writeBytes(payload);
    if (pad) {
      body.write(0);
    }
    return this;
  }

  WavBuilder fmt(AudioEncoding encoding, int channels, int sampleRate) {
    return chunk(
        "fmt ", fmt16(encoding.formatTag(), channels, sampleRate, encoding.bitsPerSample()));
  }

  WavBuilder data(byte[] data) {
    return chunk("data", data);
  }

  WavBuilder raw(byte[] bytes) {
    body.writeBytes(bytes);
    return this;
  }

  byte[] build() {
    byte[] content = body.toByteArray();
    long riffSize = riffSizeOverride >= 0 ? riffSizeOverride : content.length + 4 + riffSizeDelta;
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(riffId.getBytes(StandardCharsets.US_ASCII));
    file.writeBytes(u32(riffSize));
    file.writeBytes(form.getBytes(StandardCharsets.US_ASCII));
    file.writeBytes(content);
    return file.toByteArray();
  }

  /** A consistent 16-byte {@code fmt } payload. */
  static byte[] fmt16(int tag, int channels, int sampleRate, int bits) {
    int blockAlign = channels * bits / 8;
    return fmt16(tag, channels, sampleRate, (long) sampleRate * blockAlign, blockAlign, bits);
  }

  /** A 16-byte {@code fmt } payload with every field given. */
  static byte[] fmt16(
      int tag, int channels, long sampleRate, long byteRate, int blockAlign, int bits) {
    byte[] fmt = new byte[16];
    LittleEndian.putU16(fmt, 0, tag);
    LittleEndian.putU16(fmt, 2, channels);
    LittleEndian.putU32(fmt, 4, sampleRate);
    LittleEndian.putU32(fmt, 8, byteRate);
    LittleEndian.putU16(fmt, 12, blockAlign);
    LittleEndian.putU16(fmt, 14, bits);
    return fmt;
  }

  /**
   * {@code fmt16} extended to {@code size} bytes with {@code cbSize} (the extra bytes stay zero).
   */
  static byte[] fmtExtended(byte[] fmt16, int size, int cbSize) {
    byte[] fmt = Arrays.copyOf(fmt16, size);
    LittleEndian.putU16(fmt, 16, cbSize);
    return fmt;
  }

  /** A 40-byte WAVE_FORMAT_EXTENSIBLE payload whose SubFormat GUID derives from {@code subTag}. */
  static byte[] fmtExtensible(int subTag, int channels, int sampleRate, int bits, int validBits) {
    byte[] fmt = fmtExtended(fmt16(Riff.FORMAT_EXTENSIBLE, channels, sampleRate, bits), 40, 22);
    LittleEndian.putU16(fmt, 18, validBits);
    LittleEndian.putU32(fmt, 20, channels == 1 ? 0x4 : 0x3); // front centre / front left + right
    Riff.putSubFormat(fmt, 24, subTag);
    return fmt;
  }

  static byte[] u32(long value) {
    byte[] bytes = new byte[4];
    LittleEndian.putU32(bytes, 0, value);
    return bytes;
  }
}
