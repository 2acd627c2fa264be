package io.custodian.offload.format;

import static io.custodian.offload.format.CellPolicy.IDENTIFIER;
import static io.custodian.offload.format.CellPolicy.NUMBER;
import static io.custodian.offload.format.CellPolicy.PHONE;
import static io.custodian.offload.format.CellPolicy.TEXT;
import static io.custodian.offload.format.CellPolicy.TIMESTAMP;

import io.custodian.records.Location;
import io.custodian.records.Participant;
import io.custodian.records.Recording;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The CSV of a voice batch, one row per call: its stable columns (documented in {@code
 * docs/offload-formats.md}; new columns only ever go at the end), each with its formula policy.
 */
public final class VoiceCsv implements Closeable {

  /** A row: the call as stored and the audio file delivered for it. */
  private record Row(Recording call, VoiceFile file) {

    @Nullable Participant first(String role) {
      return call.participants().stream()
          .filter(p -> p.role().equals(role))
          .findFirst()
          .orElse(null);
    }

    @Nullable String firstOf(String role, Function<Participant, @Nullable String> field) {
      Participant party = first(role);
      return party == null ? null : field.apply(party);
    }
  }

  static final List<Column<Row>> COLUMNS =
      List.of(
          column("record_id", IDENTIFIER, r -> r.call().id().toString()),
          column("organisation", IDENTIFIER, r -> r.call().orgId()),
          column("sub_organisation", IDENTIFIER, r -> r.call().subOrg()),
          column("source_id", IDENTIFIER, r -> r.call().sourceId()),
          column("call_id", IDENTIFIER, r -> r.call().callId()),
          column("direction", IDENTIFIER, r -> r.call().direction()),
          column("started_at", TIMESTAMP, r -> Cells.timestamp(r.call().startedAt())),
          column("ended_at", TIMESTAMP, r -> Cells.timestamp(r.call().endedAt())),
          column("duration_ms", NUMBER, r -> Cells.number(r.call().audio().durationMs())),
          column("caller_number", PHONE, r -> r.firstOf("caller", Participant::number)),
          column("caller_user_id", IDENTIFIER, r -> r.firstOf("caller", Participant::userId)),
          column("caller_name", TEXT, r -> r.firstOf("caller", Participant::displayName)),
          column("callee_number", PHONE, r -> r.firstOf("callee", Participant::number)),
          column("callee_user_id", IDENTIFIER, r -> r.firstOf("callee", Participant::userId)),
          column("callee_name", TEXT, r -> r.firstOf("callee", Participant::displayName)),
          column("callee_numbers", PHONE, r -> Cells.list(calleeNumbers(r.call()))),
          column("participant_count", NUMBER, r -> Cells.number(r.call().participants().size())),
          column("participants", TEXT, r -> Cells.participants(r.call().participants())),
          column("device_id", IDENTIFIER, r -> r.call().deviceId()),
          column("latitude", NUMBER, r -> locate(r, l -> Cells.decimal(l.latitude()))),
          column("longitude", NUMBER, r -> locate(r, l -> Cells.decimal(l.longitude()))),
          column(
              "location_accuracy_m",
              NUMBER,
              r -> locate(r, l -> Cells.decimal(l.accuracyMeters()))),
          column("location_description", TEXT, r -> locate(r, Location::description)),
          column("intake_sequence", NUMBER, r -> Cells.number(r.call().intakeSeq())),
          column("received_at", TIMESTAMP, r -> Cells.timestamp(r.call().receivedAt())),
          column("file_name", IDENTIFIER, r -> r.file().name()),
          column("file_size", NUMBER, r -> Cells.number(r.file().size())),
          column("file_sha256", IDENTIFIER, r -> r.file().sha256()),
          column("codec", IDENTIFIER, r -> r.file().encoding().label()),
          column("sample_rate", NUMBER, r -> Cells.number(r.file().sampleRate())),
          column("channels", NUMBER, r -> Cells.number(r.file().channels())),
          column("original_codec", IDENTIFIER, r -> r.call().audio().encoding()),
          column("original_size", NUMBER, r -> Cells.number(r.call().audio().size())),
          column("original_sha256", IDENTIFIER, r -> r.call().audio().sha256()));

  private final CsvTable<Row> table;

  /** Writes the header row; closing this closes {@code out}. */
  public VoiceCsv(OutputStream out) throws IOException {
    this.table = new CsvTable<>(out, COLUMNS, r -> r.call().intakeSeq());
  }

  /** The header row's column names, in order. */
  public static List<String> header() {
    return CsvTable.header(COLUMNS);
  }

  /**
   * Writes the row of one call and the audio file delivered for it.
   *
   * @throws IllegalArgumentException if the call does not come after the previous one in intake
   *     sequence
   */
  public void write(Recording call, VoiceFile file) throws IOException {
    table.write(new Row(call, file));
  }

  /** The calls written so far. */
  public long rows() {
    return table.rows();
  }

  @Override
  public void close() throws IOException {
    table.close();
  }

  private static List<String> calleeNumbers(Recording call) {
    return call.participants().stream()
        .filter(p -> p.role().equals("callee"))
        .map(Participant::number)
        .filter(Objects::nonNull)
        .toList();
  }

  private static @Nullable String locate(Row row, Function<Location, @Nullable String> field) {
    Location location = row.call().location();
    return location == null ? null : field.apply(location);
  }

  private static Column<Row> column(
      String name, CellPolicy policy, Function<Row, @Nullable String> value) {
    return new Column<>(name, policy, value);
  }
}
