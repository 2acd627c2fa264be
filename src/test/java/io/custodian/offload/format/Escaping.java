package io.custodian.offload.format;

import java.util.ArrayList;
import java.util.List;

/** The documented list-cell rule, written again from the documentation as a reader would. */
final class Escaping {

  private Escaping() {}

  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("|", "\\|").replace(":", "\\:");
  }

  /** Items split at unescaped {@code |}, each split into fields at unescaped {@code :}. */
  static List<List<String>> split(String cell) {
    List<List<String>> items = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == '\\') {
        field.append(cell.charAt(++i));
      } else if (c == ':') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '|') {
        fields.add(field.toString());
        field.setLength(0);
        items.add(fields);
        fields = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    items.add(fields);
    return items;
  }
}
