package io.custodian.web;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Checks a JSON value against a schema of the OpenAPI document, for the subset of JSON Schema the
 * document uses. A keyword outside that subset is reported as an error, so the check never passes
 * by ignoring what it does not understand.
 */
final class SchemaCheck {

  private static final Set<String> ANNOTATIONS =
      Set.of(
          "description",
          "default",
          "readOnly",
          "writeOnly",
          "example",
          "contentMediaType",
          "contentEncoding",
          "title");
  private static final Set<String> IGNORED_FORMATS =
      Set.of("int32", "int64", "uri", "uri-reference");

  private final JsonNode document;

  SchemaCheck(JsonNode document) {
    this.document = document;
  }

  /** Every way {@code value} breaks {@code schema}; empty when it conforms. */
  List<String> errors(JsonNode value, JsonNode schema) {
    List<String> errors = new ArrayList<>();
    check(value, schema, "$", errors);
    return errors;
  }

  /** The node a local {@code $ref} points at; missing when it does not resolve. */
  JsonNode resolve(String ref) {
    return ref.startsWith("#") ? document.at(ref.substring(1)) : MissingNode.getInstance();
  }

  private void check(JsonNode value, JsonNode schema, String at, List<String> errors) {
    for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
      JsonNode arg = keyword.getValue();
      switch (keyword.getKey()) {
        case "$ref" -> {
          JsonNode target = resolve(arg.asString());
          if (target.isMissingNode()) {
            errors.add(at + ": unresolved " + arg.asString());
          } else {
            check(value, target, at, errors);
          }
        }
        case "type" -> {
          boolean any = false;
          for (JsonNode type : arg.isArray() ? arg.values() : List.of(arg)) {
            any |= hasType(value, type.asString());
          }
          if (!any) {
            errors.add(at + ": " + describe(value) + " is not of type " + arg);
          }
        }
        case "enum" -> {
          if (!arg.values().contains(value)) {
            errors.add(at + ": " + value + " is not one of " + arg);
          }
        }
        case "const" -> {
          if (!arg.equals(value)) {
            errors.add(at + ": " + value + " is not " + arg);
          }
        }
        case "properties" -> {
          if (value.isObject()) {
            for (Map.Entry<String, JsonNode> property : arg.properties()) {
              if (value.has(property.getKey())) {
                check(
                    value.get(property.getKey()),
                    property.getValue(),
                    at + "." + property.getKey(),
                    errors);
              }
            }
          }
        }
        case "required" -> {
          if (value.isObject()) {
            for (JsonNode name : arg.values()) {
              if (!value.has(name.asString())) {
                errors.add(at + ": lacks required " + name.asString());
              }
            }
          }
        }
        case "additionalProperties" -> {
          if (value.isObject()) {
            JsonNode declared = schema.path("properties");
            for (Map.Entry<String, JsonNode> member : value.properties()) {
              if (declared.has(member.getKey())) {
                continue;
              }
              if (arg.isBoolean() && !arg.booleanValue()) {
                errors.add(at + ": undeclared property " + member.getKey());
              } else if (arg.isObject()) {
                check(member.getValue(), arg, at + "." + member.getKey(), errors);
              }
            }
          }
        }
        case "items" -> {
          if (value.isArray()) {
            int i = 0;
            for (JsonNode item : value.values()) {
              check(item, arg, at + "[" + i++ + "]", errors);
            }
          }
        }
        case "minItems" -> {
          if (value.isArray() && value.size() < arg.asInt()) {
            errors.add(at + ": fewer than " + arg + " items");
          }
        }
        case "maxItems" -> {
          if (value.isArray() && value.size() > arg.asInt()) {
            errors.add(at + ": more than " + arg + " items");
          }
        }
        case "minLength" -> {
          if (value.isString() && value.stringValue().length() < arg.asInt()) {
            errors.add(at + ": shorter than " + arg);
          }
        }
        case "maxLength" -> {
          if (value.isString() && value.stringValue().length() > arg.asInt()) {
            errors.add(at + ": longer than " + arg);
          }
        }
        case "pattern" -> {
          if (value.isString()
              && !Pattern.compile(arg.asString()).matcher(value.stringValue()).find()) {
            errors.add(at + ": " + value + " does not match " + arg.asString());
          }
        }
        case "minimum" -> {
          if (value.isNumber() && value.decimalValue().compareTo(arg.decimalValue()) < 0) {
            errors.add(at + ": " + value + " is below " + arg);
          }
        }
        case "maximum" -> {
          if (value.isNumber() && value.decimalValue().compareTo(arg.decimalValue()) > 0) {
            errors.add(at + ": " + value + " is above " + arg);
          }
        }
        case "oneOf" -> {
          int matches = 0;
          for (JsonNode option : arg.values()) {
            matches += errors(value, option).isEmpty() ? 1 : 0;
          }
          if (matches != 1) {
            errors.add(at + ": " + describe(value) + " matches " + matches + " of oneOf");
          }
        }
        case "format" -> checkFormat(value, arg.asString(), at, errors);
        default -> {
          if (!ANNOTATIONS.contains(keyword.getKey())) {
            errors.add(at + ": the check does not know keyword " + keyword.getKey());
          }
        }
      }
    }
  }

  private static void checkFormat(JsonNode value, String format, String at, List<String> errors) {
    if (!value.isString()) {
      return;
    }
    switch (format) {
      case "uuid" -> {
        try {
          UUID.fromString(value.stringValue());
        } catch (IllegalArgumentException e) {
          errors.add(at + ": " + value + " is not a UUID");
        }
      }
      case "date-time" -> {
        try {
          OffsetDateTime.parse(value.stringValue());
        } catch (DateTimeParseException e) {
          errors.add(at + ": " + value + " is not an RFC 3339 timestamp");
        }
      }
      default -> {
        if (!IGNORED_FORMATS.contains(format)) {
          errors.add(at + ": the check does not know format " + format);
        }
      }
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isString();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      case "number" -> value.isNumber();
      case "integer" ->
          value.isIntegralNumber()
              || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
      default -> false;
    };
  }

  private static String describe(JsonNode value) {
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + value;
  }
}
