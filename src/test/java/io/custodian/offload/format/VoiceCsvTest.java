package io.custodian.offload.format;

import static io.custodian.offload.format.Fixtures.HOSTILE;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.records.Location;
import io.custodian.records.Participant;
import io.custodian.records.Recording;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class VoiceCsvTest {

  @Test
  void anOrdinaryCallReadsAsItIs() throws IOException {
    Recording call =
        Fixtures.recording(
            "src-1",
            List.of(
                new Participant("caller", "+442071234567", "u-17", "Ann Lee", "GB"),
                new Participant("callee", "+33142685300", null, null, "FR"),
                new Participant("callee", "+12125550100", "u-99", "Bo", null)),
            new Location(-33.8688, 151.2093, 12.5, "Sydney"));
    VoiceFile file = Fixtures.delivered(call);

    Map<String, String> row = onlyRow(write(List.of(call), file));

    assertThat(row)
        .contains(
            entry("record_id", call.id().toString()),
            entry("organisation", "acme"),
            entry("sub_organisation", "acme-uk"),
            entry("source_id", "src-1"),
            entry("call_id", "call-1"),
            entry("direction", "outbound"),
            entry("started_at", "2026-11-21T23:30:00Z"),
            entry("ended_at", "2026-11-21T23:31:02.500Z"),
            entry("duration_ms", "62500"),
            entry("caller_number", "+442071234567"),
            entry("caller_user_id", "u-17"),
            entry("caller_name", "Ann Lee"),
            entry("callee_number", "+33142685300"),
            entry("callee_user_id", ""),
            entry("callee_name", ""),
            entry("callee_numbers", "'+33142685300|+12125550100"),
            entry("participant_count", "3"),
            entry(
                "participants",
                "caller:+442071234567:u-17:Ann Lee:GB|callee:+33142685300:::FR"
                    + "|callee:+12125550100:u-99:Bo:"),
            entry("device_id", "device-7"),
            entry("latitude", "-33.8688"),
            entry("longitude", "151.2093"),
            entry("location_accuracy_m", "12.5"),
            entry("location_description", "Sydney"),
            entry("intake_sequence", Long.toString(call.intakeSeq())),
            entry("received_at", "2026-11-21T23:31:05.123456Z"),
            entry("file_name", call.id() + ".wav"),
            entry("file_size", "500058"),
            entry("file_sha256", file.sha256()),
            entry("codec", "ulaw"),
            entry("sample_rate", "8000"),
            entry("channels", "1"),
            entry("original_codec", "pcm_s16le"),
            entry("original_size", "1000044"),
            entry("original_sha256", call.audio().sha256()));
    assertThat(row).hasSize(VoiceCsv.header().size());
  }

  @Test
  void hostileValuesStayInTheirCellsAndNeverRunAsFormulas() throws IOException {
    List<Recording> calls = new ArrayList<>();
    for (String v : HOSTILE) {
      calls.add(
          Fixtures.recording(
              v,
              List.of(
                  new Participant("caller", v, v, v, v),
                  new Participant("callee", v, v, v, v),
                  new Participant(v, null, null, v, null)),
              new Location(0, 0, null, v)));
    }
    byte[] csv = write(calls, null);

    List<CSVRecord> records = Fixtures.parse(csv);
    assertThat(records).hasSize(1 + HOSTILE.size());
    assertThat(records.get(0).toList()).isEqualTo(VoiceCsv.header());
    for (int i = 0; i < HOSTILE.size(); i++) {
      String v = HOSTILE.get(i);
      String e = Escaping.escape(v);
      Map<String, String> expected = new HashMap<>();
      for (String column :
          List.of(
              "source_id",
              "caller_number",
              "caller_user_id",
              "caller_name",
              "callee_number",
              "callee_user_id",
              "callee_name",
              "location_description")) {
        expected.put(column, v);
      }
      expected.put("callee_numbers", e);
      expected.put(
          "participants",
          String.join(
              "|",
              "caller:" + e + ":" + e + ":" + e + ":" + e,
              "callee:" + e + ":" + e + ":" + e + ":" + e,
              e + "::" + ":" + e + ":"));
      CsvAssertions.assertRow(records.get(i + 1), VoiceCsv.COLUMNS, expected);
      assertThat(Escaping.split(unguardedCell(records.get(i + 1), "participants")))
          .containsExactly(
              List.of("caller", v, v, v, v),
              List.of("callee", v, v, v, v),
              List.of(v, "", "", v, ""));
    }
  }

  @Test
  void refusesACallThatIsNotAfterThePreviousOneInIntakeSequence() throws IOException {
    List<Participant> parties = List.of(new Participant("caller", null, null, null, null));
    Recording first = Fixtures.recording("a", parties, null);
    Recording second = Fixtures.recording("b", parties, null);
    try (VoiceCsv csv = new VoiceCsv(new ByteArrayOutputStream())) {
      csv.write(second, Fixtures.delivered(second));
      assertThatThrownBy(() -> csv.write(first, Fixtures.delivered(first)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> csv.write(second, Fixtures.delivered(second)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(csv.rows()).isOne();
    }
  }

  private static String unguardedCell(CSVRecord record, String column) {
    int index = VoiceCsv.header().indexOf(column);
    return Fixtures.unguarded(record.get(index));
  }

  private static Map<String, String> onlyRow(byte[] csv) throws IOException {
    List<CSVRecord> records = Fixtures.parse(csv);
    assertThat(records).hasSize(2);
    List<String> header = records.get(0).toList();
    Map<String, String> row = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      row.put(header.get(i), records.get(1).get(i));
    }
    return row;
  }

  private static byte[] write(List<Recording> calls, VoiceFile file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VoiceCsv csv = new VoiceCsv(out)) {
      for (Recording call : calls) {
        csv.write(call, file == null ? Fixtures.delivered(call) : file);
      }
      assertThat(csv.rows()).isEqualTo(calls.size());
    }
    return out.toByteArray();
  }
}
