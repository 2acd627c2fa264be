package io.custodian.media;

/**
 * Little-endian field access for RIFF headers, where every integer is stored least significant byte
 * first.
 */
final class LittleEndian {

  private LittleEndian() {}

  /** Unsigned 16-bit value at {@code offset}. */
  static int u16(byte[] bytes, int offset) {
    return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
  }

  /** Unsigned 32-bit value at {@code offset}, widened to a long so it is never negative. */
  static long u32(byte[] bytes, int offset) {
    return (bytes[offset] & 0xFFL)
        | (bytes[offset + 1] & 0xFFL) << 8
        | (bytes[offset + 2] & 0xFFL) << 16
        | (bytes[offset + 3] & 0xFFL) << 24;
  }

  /** Stores the low 16 bits of {@code value} at {@code offset}. */
  static void putU16(byte[] bytes, int offset, int value) {
    bytes[offset] = (byte) value;
    bytes[offset + 1] = (byte) (value >>> 8);
  }

  /** Stores the low 32 bits of {@code value} at {@code offset}. */
  static void putU32(byte[] bytes, int offset, long value) {
    bytes[offset] = (byte) value;
    bytes[offset + 1] = (byte) (value >>> 8);
    bytes[offset + 2] = (byte) (value >>> 16);
    bytes[offset + 3] = (byte) (value >>> 24);
  }
}
