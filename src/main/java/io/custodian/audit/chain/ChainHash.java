package io.custodian.audit.chain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * The canonical encoding of an entry and its SHA-256 (documented in {@code docs/audit.md}): a
 * version tag, then each field as a 4-byte big-endian length and its UTF-8 bytes (length -1 for an
 * absent field), then the previous entry's hash. Lengths make the encoding unambiguous.
 */
public final class ChainHash {

  /** The previous hash of the first entry: 32 zero bytes. */
  public static final byte[] GENESIS = new byte[32];

  private static final String VERSION = "custodian-audit-v1";

  private ChainHash() {}

  /** The entry hash of an entry with these fields chained after {@code prevHash}. */
  public static byte[] of(
      long seq,
      Instant recordedAt,
      String actor,
      String action,
      @Nullable String orgId,
      @Nullable String subject,
      String outcome,
      String detail,
      byte[] prevHash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    field(out, VERSION);
    field(out, Long.toString(seq));
    field(out, DateTimeFormatter.ISO_INSTANT.format(recordedAt));
    field(out, actor);
    field(out, action);
    field(out, orgId);
    field(out, subject);
    field(out, outcome);
    field(out, detail);
    out.writeBytes(prevHash);
    return sha256().digest(out.toByteArray());
  }

  /** The hash an entry should carry, recomputed from its fields. */
  public static byte[] of(AuditEntry e) {
    return of(
        e.seq(),
        e.recordedAt(),
        e.actor(),
        e.action(),
        e.orgId(),
        e.subject(),
        e.outcome(),
        e.detail(),
        e.prevHash());
  }

  private static void field(ByteArrayOutputStream out, @Nullable String value) {
    if (value == null) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }
}
