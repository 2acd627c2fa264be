package io.custodian.offload.format;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 digests as the formats write them: 64 lower-case hex digits, checked where they enter.
 */
final class Sha256Hex {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private Sha256Hex() {}

  static String require(String hex) {
    if (!HEX64.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256: " + hex);
    }
    return hex;
  }

  static String of(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + digest.length);
    }
    return HexFormat.of().formatHex(digest);
  }
}
