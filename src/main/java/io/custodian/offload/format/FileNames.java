package io.custodian.offload.format;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The names of files in a batch. Every final name is plain: ASCII letters, digits, {@code .},
 * {@code _} and {@code -}, beginning with a letter or digit, at most 255 characters, and not ending
 * in {@code .part}; so it is safe in any shell, in {@code sha256sum} output and on any file system,
 * and a temporary name can never be mistaken for a final one.
 */
public final class FileNames {

  /** Appended to a final name while its file is being uploaded. */
  public static final String TEMPORARY_SUFFIX = ".part";

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

  private FileNames() {}

  /** Whether {@code name} may be the final name of a file in a batch. */
  public static boolean isPlain(String name) {
    return PLAIN.matcher(name).matches() && !name.endsWith(TEMPORARY_SUFFIX);
  }

  /**
   * Returns {@code name} if it is plain.
   *
   * @throws IllegalArgumentException if it is not
   */
  public static String requirePlain(String name) {
    if (!isPlain(name)) {
      throw new IllegalArgumentException("not a plain file name: " + name);
    }
    return name;
  }

  /** The name of a call's audio file: {@code <record id>.wav}. */
  public static String wav(UUID recordId) {
    return recordId + ".wav";
  }

  /** The name a file has while being uploaded: {@code <final name>.part}. */
  public static String temporary(String finalName) {
    return requirePlain(finalName) + TEMPORARY_SUFFIX;
  }
}
