package io.custodian.offload.format;

import static io.custodian.offload.format.CellPolicy.IDENTIFIER;
import static io.custodian.offload.format.CellPolicy.NUMBER;
import static io.custodian.offload.format.CellPolicy.PHONE;
import static io.custodian.offload.format.CellPolicy.TEXT;
import static io.custodian.offload.format.CellPolicy.TIMESTAMP;

import io.custodian.records.Message;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The CSV of a message batch, one row per message with its full body: its stable columns
 * (documented in {@code docs/offload-formats.md}; new columns only ever go at the end), each with
 * its formula policy.
 */
public final class MessageCsv implements Closeable {

  /** A row: the message as stored and its body text, read from the vault. */
  private record Row(Message message, String body) {

    List<Message.Attachment> attachments() {
      return message.attachments();
    }
  }

  static final List<Column<Row>> COLUMNS =
      List.of(
          column("record_id", IDENTIFIER, r -> r.message().id().toString()),
          column("organisation", IDENTIFIER, r -> r.message().orgId()),
          column("sub_organisation", IDENTIFIER, r -> r.message().subOrg()),
          column("source_id", IDENTIFIER, r -> r.message().sourceId()),
          column("channel", IDENTIFIER, r -> r.message().channel()),
          column("direction", IDENTIFIER, r -> r.message().direction()),
          column("from", PHONE, r -> r.message().from()),
          column("to", PHONE, r -> Cells.list(r.message().to())),
          column("to_count", NUMBER, r -> Cells.number(r.message().to().size())),
          column("sent_at", TIMESTAMP, r -> Cells.timestamp(r.message().sentAt())),
          column("received_at", TIMESTAMP, r -> Cells.timestamp(r.message().receivedAt())),
          column("thread_id", IDENTIFIER, r -> r.message().threadId()),
          column("body", TEXT, Row::body),
          column("body_size", NUMBER, r -> Cells.number(r.message().body().size())),
          column("body_sha256", IDENTIFIER, r -> r.message().body().sha256()),
          column("attachment_count", NUMBER, r -> Cells.number(r.attachments().size())),
          column("attachment_names", TEXT, r -> attachments(r, Message.Attachment::fileName)),
          column("attachment_types", IDENTIFIER, r -> attachments(r, a -> a.mediaType())),
          column("attachment_sha256s", IDENTIFIER, r -> attachments(r, a -> a.content().sha256())),
          column("intake_sequence", NUMBER, r -> Cells.number(r.message().intakeSeq())));

  private final CsvTable<Row> table;

  /** Writes the header row; closing this closes {@code out}. */
  public MessageCsv(OutputStream out) throws IOException {
    this.table = new CsvTable<>(out, COLUMNS, r -> r.message().intakeSeq());
  }

  /** The header row's column names, in order. */
  public static List<String> header() {
    return CsvTable.header(COLUMNS);
  }

  /**
   * Writes the row of one message.
   *
   * @param body the message's full body, whose UTF-8 bytes must be the ones the message's size and
   *     SHA-256 describe
   * @throws IllegalArgumentException if they are not, so the CSV never pairs a body with another's
   *     hash; or if the message does not come after the previous one in intake sequence
   */
  public void write(Message message, String body) throws IOException {
    byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
    if (utf8.length != message.body().size()
        || !Sha256Hex.of(sha256(utf8)).equals(message.body().sha256())) {
      throw new IllegalArgumentException("body does not match message " + message.id());
    }
    table.write(new Row(message, body));
  }

  /** The messages written so far. */
  public long rows() {
    return table.rows();
  }

  @Override
  public void close() throws IOException {
    table.close();
  }

  private static String attachments(Row row, Function<Message.Attachment, @Nullable String> field) {
    return Cells.list(row.attachments().stream().map(field).toList());
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static Column<Row> column(
      String name, CellPolicy policy, Function<Row, @Nullable String> value) {
    return new Column<>(name, policy, value);
  }
}
