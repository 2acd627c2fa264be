package io.custodian.offload.smtp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a message's participants (E.164 numbers or messaging ids) become mail addresses. A
 * participant listed in {@code known} (such as an employee's number) gets that mailbox; any other
 * gets {@code <local part>@<domain>}, where the local part is the participant itself when it is 1
 * to 64 ASCII letters, digits, {@code +}, {@code _} or {@code -} ({@code +15551234567}), and
 * otherwise its letters and digits (runs of anything else as one {@code -}, at most 40) followed by
 * {@code .} and the first 12 hex digits of the SHA-256 of its UTF-8 bytes ({@code group:desk-7}
 * becomes {@code group-desk-7.1f0c…}). So every participant has a valid address of its own, and the
 * participant itself is never lost: it is the address's display name.
 */
public final class ParticipantAddresses {

  private static final Pattern PLAIN_LOCAL = Pattern.compile("[A-Za-z0-9+_-]{1,64}");
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern DOMAIN = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");
  private static final Pattern ADDRESS =
      Pattern.compile(
          "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@"
              + DOMAIN.pattern());
  private static final int READABLE = 40;
  private static final int HASH_DIGITS = 12;

  private final String domain;
  private final Map<String, String> known;

  /** Every participant at {@code domain} (ASCII; an international domain in its A-label form). */
  public ParticipantAddresses(String domain) {
    this(domain, Map.of());
  }

  /**
   * Participants in {@code known} at their mailbox, every other at {@code domain}.
   *
   * @throws IllegalArgumentException if the domain or a mailbox is not a plain ASCII one
   */
  public ParticipantAddresses(String domain, Map<String, String> known) {
    if (!isDomain(domain)) {
      throw new IllegalArgumentException("not a plain ASCII domain: " + domain);
    }
    for (String address : known.values()) {
      requireAddress(address);
    }
    this.domain = domain;
    this.known = Map.copyOf(known);
  }

  /** The mail address of a participant, always a plain ASCII {@code local@domain}. */
  public String address(String participant) {
    String mailbox = known.get(participant);
    return mailbox != null ? mailbox : localPart(participant) + "@" + domain;
  }

  /** The domain participants without a known mailbox are at. */
  public String domain() {
    return domain;
  }

  /** Whether a name is a plain ASCII domain: LDH labels, at most 253 characters. */
  static boolean isDomain(String name) {
    return name.length() <= 253 && DOMAIN.matcher(name).matches();
  }

  /** A dot-atom local part for any string, unique to it (see the class comment). */
  static String localPart(String value) {
    if (PLAIN_LOCAL.matcher(value).matches()) {
      return value;
    }
    StringBuilder readable = new StringBuilder();
    for (int i = 0; i < value.length() && readable.length() < READABLE; i++) {
      char c = value.charAt(i);
      if (c < 0x80 && Character.isLetterOrDigit(c)) {
        readable.append(c);
      } else if (readable.length() > 0 && readable.charAt(readable.length() - 1) != '-') {
        readable.append('-');
      }
    }
    while (readable.length() > 0 && readable.charAt(readable.length() - 1) == '-') {
      readable.setLength(readable.length() - 1);
    }
    String hash = HexFormat.of().formatHex(sha256(value)).substring(0, HASH_DIGITS);
    return (readable.length() == 0 ? "id" : readable) + "." + hash;
  }

  /**
   * Returns {@code address} if it is a plain ASCII {@code local@domain}: a dot-atom local part, no
   * display name, no quoting, no comments.
   *
   * @throws IllegalArgumentException if it is not
   */
  static String requireAddress(String address) {
    int at = address.lastIndexOf('@');
    if (at < 1 || at > 64 || address.length() > 254 || !ADDRESS.matcher(address).matches()) {
      throw new IllegalArgumentException("not a plain mail address: " + address);
    }
    return address;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
