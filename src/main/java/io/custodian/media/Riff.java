package io.custodian.media;

import java.nio.charset.StandardCharsets;

/**
 * RIFF/WAVE constants shared by the validator and the writer, so both speak exactly the same
 * layout.
 */
final class Riff {

  /**
   * Largest value of a 32-bit size field; also the "unknown length" marker written by streaming
   * encoders.
   */
  static final long MAX_U32 = 0xFFFF_FFFFL;

  /**
   * Largest possible absolute end offset of anything inside a RIFF file: 8 header bytes + a maximal
   * RIFF size.
   */
  static final long MAX_RIFF_END = 8 + MAX_U32;

  /** The WAVE_FORMAT_EXTENSIBLE format tag. */
  static final int FORMAT_EXTENSIBLE = 0xFFFE;

  /** Size of the EXTENSIBLE extension ({@code cbSize}) in a 40-byte {@code fmt } chunk. */
  static final int EXTENSIBLE_CB_SIZE = 22;

  /**
   * Bytes 4..15 of every KSDATAFORMAT_SUBTYPE GUID derived from a WAVE format tag ({@code
   * XXXXXXXX-0000-0010-8000-00AA00389B71}, little-endian first fields); bytes 0..3 hold the tag.
   */
  private static final byte[] GUID_TAIL = {
    0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71
  };

  static final byte[] RIFF = ascii("RIFF");
  static final byte[] WAVE = ascii("WAVE");
  static final byte[] FMT = ascii("fmt ");
  static final byte[] DATA = ascii("data");
  static final byte[] FACT = ascii("fact");

  private Riff() {}

  private static byte[] ascii(String id) {
    return id.getBytes(StandardCharsets.US_ASCII);
  }

  /** Whether the four bytes at {@code offset} equal the chunk id {@code id}. */
  static boolean isId(byte[] bytes, int offset, byte[] id) {
    return bytes[offset] == id[0]
        && bytes[offset + 1] == id[1]
        && bytes[offset + 2] == id[2]
        && bytes[offset + 3] == id[3];
  }

  /**
   * Whether the first {@code length} bytes at {@code offset} agree with the start of {@code id}.
   */
  static boolean prefixMatches(byte[] bytes, int offset, int length, byte[] id) {
    for (int i = 0; i < length && i < id.length; i++) {
      if (bytes[offset + i] != id[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The format tag encoded in the 16-byte SubFormat GUID at {@code offset}, or -1 if it is not
   * tag-derived.
   */
  static long subFormatTag(byte[] bytes, int offset) {
    for (int i = 0; i < GUID_TAIL.length; i++) {
      if (bytes[offset + 4 + i] != GUID_TAIL[i]) {
        return -1;
      }
    }
    return LittleEndian.u32(bytes, offset);
  }

  /** Writes the SubFormat GUID derived from {@code tag} at {@code offset}. */
  static void putSubFormat(byte[] bytes, int offset, int tag) {
    LittleEndian.putU32(bytes, offset, tag);
    System.arraycopy(GUID_TAIL, 0, bytes, offset + 4, GUID_TAIL.length);
  }

  /** A printable rendering of a chunk id for error details. */
  static String idToString(byte[] bytes, int offset) {
    StringBuilder text = new StringBuilder(6).append('\'');
    for (int i = 0; i < 4; i++) {
      int c = bytes[offset + i] & 0xFF;
      text.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
    }
    return text.append('\'').toString();
  }
}
