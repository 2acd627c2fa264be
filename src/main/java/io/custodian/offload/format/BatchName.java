package io.custodian.offload.format;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batch's name, {@code <stream>-<yyyyMMdd'T'HHmmss'Z'>-<sequence>-<hash>} such as {@code
 * voice-20261121T233000Z-000042-1a2b3c4d}: deterministic from the cut, unique by its sequence, and
 * sorting in time order as plain text within a stream; the hash, the first 8 hex digits of the
 * {@link CutManifest}'s SHA-256, lets the receiver check the batch holds what was cut.
 *
 * @param cutAt when the batch was cut, whole seconds, years 1970 to 9999
 * @param sequence the batch's number in its stream, written with at least 6 digits
 * @param hash 8 lower-case hex digits
 */
public record BatchName(BatchStream stream, Instant cutAt, long sequence, String hash)
    implements Comparable<BatchName> {

  private static final Pattern NAME =
      Pattern.compile("([a-z]+)-([0-9]{8}T[0-9]{6}Z)-([0-9]{6,18})-([0-9a-f]{8})");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{8}");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final Instant END = Instant.parse("9999-12-31T23:59:59Z");
  private static final Comparator<BatchName> ORDER =
      Comparator.comparing(BatchName::cutAt)
          .thenComparingLong(BatchName::sequence)
          .thenComparing(BatchName::stream)
          .thenComparing(BatchName::hash);

  /**
   * @throws IllegalArgumentException if a field is out of its range
   */
  public BatchName {
    if (cutAt.isBefore(Instant.EPOCH) || cutAt.isAfter(END) || cutAt.getNano() != 0) {
      throw new IllegalArgumentException("cut time not whole seconds in 1970-9999: " + cutAt);
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("negative sequence: " + sequence);
    }
    if (!HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException("hash must be 8 lower-case hex digits: " + hash);
    }
  }

  /** The name of a batch cut at {@code cutAt} (truncated to seconds) with this cut manifest. */
  public static BatchName of(
      BatchStream stream, Instant cutAt, long sequence, byte[] cutManifestSha256) {
    return new BatchName(
        stream,
        cutAt.truncatedTo(ChronoUnit.SECONDS),
        sequence,
        Sha256Hex.of(cutManifestSha256).substring(0, 8));
  }

  /**
   * The batch named {@code name}, if it is a batch name written exactly as this class writes it.
   */
  public static Optional<BatchName> parse(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    Optional<BatchStream> stream = BatchStream.fromLabel(m.group(1));
    if (stream.isEmpty()) {
      return Optional.empty();
    }
    try {
      Instant cutAt = LocalDateTime.parse(m.group(2), TIME).toInstant(ZoneOffset.UTC);
      BatchName batch = new BatchName(stream.get(), cutAt, Long.parseLong(m.group(3)), m.group(4));
      return batch.toString().equals(name) ? Optional.of(batch) : Optional.empty();
    } catch (DateTimeException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The name of the batch's directory on the server. */
  public String directory() {
    return toString();
  }

  /** The batch's CSV: {@code <batch>.csv}. */
  public String csv() {
    return this + ".csv";
  }

  /** The batch's {@code sha256sum} manifest: {@code <batch>.sha256}. */
  public String manifest() {
    return this + ".sha256";
  }

  /** The empty completion marker, written last: {@code <batch>.done}. */
  public String marker() {
    return this + ".done";
  }

  @Override
  public int compareTo(BatchName other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return stream.label()
        + "-"
        + TIME.format(cutAt)
        + "-"
        + String.format(Locale.ROOT, "%06d", sequence)
        + "-"
        + hash;
  }
}
