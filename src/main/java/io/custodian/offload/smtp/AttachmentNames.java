package io.custodian.offload.smtp;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The file name an attachment is offered under ({@code Content-Disposition}), made from the name
 * the sender gave so that a mail client saving it cannot be led anywhere: only the part after the
 * last {@code /} or {@code \}; control, line-separator and bidirectional-override characters and
 * {@code < > : " | ? *} each replaced by {@code _}; leading and trailing dots and spaces removed;
 * at most {@value #LONGEST} characters (the extension kept); a Windows device name such as {@code
 * CON} prefixed with {@code _}; and {@code attachment-<index>} when nothing is left. The name as
 * given is kept, exactly, in the part's {@code X-Custodian-Attachment-Name} header.
 */
final class AttachmentNames {

  static final int LONGEST = 100;
  private static final int LONGEST_EXTENSION = 10;
  private static final String RESERVED = "<>:\"|?*";
  private static final Set<String> DEVICES =
      Set.of(
          "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
          "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

  private AttachmentNames() {}

  static String safe(@Nullable String given, int index) {
    String name = given == null ? "" : baseName(given);
    StringBuilder out = new StringBuilder(name.length());
    name.codePoints().forEach(c -> out.appendCodePoint(isUnsafe(c) ? '_' : c));
    String trimmed = trim(out.toString());
    String bounded = bounded(trimmed);
    if (bounded.isEmpty()) {
      return "attachment-" + index;
    }
    int dot = bounded.indexOf('.');
    String stem = (dot < 0 ? bounded : bounded.substring(0, dot)).toUpperCase(Locale.ROOT);
    return DEVICES.contains(stem) ? "_" + bounded : bounded;
  }

  private static String baseName(String given) {
    int slash = Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\'));
    return given.substring(slash + 1);
  }

  private static boolean isUnsafe(int c) {
    return Character.isISOControl(c)
        || Character.getType(c) == Character.SURROGATE
        || c == 0x2028
        || c == 0x2029
        || c == 0x061c
        || c == 0x200e
        || c == 0x200f
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || RESERVED.indexOf(c) >= 0;
  }

  private static String trim(String name) {
    int start = 0;
    int end = name.length();
    while (start < end && (name.charAt(start) == '.' || name.charAt(start) == ' ')) {
      start++;
    }
    while (end > start && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
      end--;
    }
    return name.substring(start, end);
  }

  /** At most {@link #LONGEST} code points, keeping a short extension. */
  private static String bounded(String name) {
    int count = name.codePointCount(0, name.length());
    if (count <= LONGEST) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String extension = "";
    if (dot > 0 && name.length() - dot <= LONGEST_EXTENSION + 1) {
      extension = name.substring(dot);
    }
    int keep = LONGEST - extension.codePointCount(0, extension.length());
    String stem = name.substring(0, name.offsetByCodePoints(0, keep));
    return trim(stem) + extension;
  }
}
