package io.custodian.offload.format;

import static io.custodian.offload.format.Fixtures.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.records.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class MessageCsvTest {

  @Test
  void anOrdinaryMessageReadsAsItIs() throws IOException {
    String body = "Meet at 10?\nBring the contract.";
    Message message =
        Fixtures.message(
            "+447700900123", List.of("+447700900456"), body, Arrays.asList("contract.pdf", null));

    List<CSVRecord> records = Fixtures.parse(write(List.of(message), List.of(body)));

    assertThat(records).hasSize(2);
    assertThat(records.get(0).toList()).isEqualTo(MessageCsv.header());
    Map<String, String> expected = new HashMap<>();
    expected.put("record_id", message.id().toString());
    expected.put("organisation", "acme");
    expected.put("sub_organisation", "");
    expected.put("source_id", "msg-1");
    expected.put("channel", "whatsapp");
    expected.put("direction", "inbound");
    expected.put("from", "+447700900123");
    expected.put("to", "+447700900456");
    expected.put("to_count", "1");
    expected.put("sent_at", "2026-11-21T23:30:00Z");
    expected.put("received_at", "2026-11-21T23:31:05.123456Z");
    expected.put("thread_id", "thread-9");
    expected.put("body", "Meet at 10?\nBring the contract.");
    expected.put("body_size", Long.toString(message.body().size()));
    expected.put("body_sha256", message.body().sha256());
    expected.put("attachment_count", "2");
    expected.put("attachment_names", "contract.pdf|");
    expected.put("attachment_types", "image/jpeg|image/jpeg");
    expected.put(
        "attachment_sha256s",
        message.attachments().get(0).content().sha256()
            + "|"
            + message.attachments().get(1).content().sha256());
    expected.put("intake_sequence", Long.toString(message.intakeSeq()));
    assertThat(expected).hasSize(MessageCsv.header().size());
    CsvAssertions.assertRow(records.get(1), MessageCsv.COLUMNS, expected);
    assertThat(records.get(1).get(MessageCsv.header().indexOf("from"))).isEqualTo("+447700900123");
  }

  @Test
  void hostileBodiesAndAddressesStayInTheirCellsAndNeverRunAsFormulas() throws IOException {
    List<Message> messages = new ArrayList<>();
    for (String v : HOSTILE) {
      messages.add(Fixtures.message(v, List.of(v, "+447700900456", v), v, List.of(v, v)));
    }
    List<CSVRecord> records = Fixtures.parse(write(messages, HOSTILE));

    assertThat(records).hasSize(1 + HOSTILE.size());
    assertThat(records.get(0).toList()).isEqualTo(MessageCsv.header());
    for (int i = 0; i < HOSTILE.size(); i++) {
      String v = HOSTILE.get(i);
      String e = Escaping.escape(v);
      Map<String, String> expected = new HashMap<>();
      expected.put("from", v);
      expected.put("to", e + "|+447700900456|" + e);
      expected.put("to_count", "3");
      expected.put("body", v);
      expected.put("attachment_names", e + "|" + e);
      CsvAssertions.assertRow(records.get(i + 1), MessageCsv.COLUMNS, expected);
      String to = Fixtures.unguarded(records.get(i + 1).get(MessageCsv.header().indexOf("to")));
      assertThat(Escaping.split(to))
          .containsExactly(List.of(v), List.of("+447700900456"), List.of(v));
    }
  }

  @Test
  void aFormulaBodyIsShownNotRun() throws IOException {
    String formula = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    Message message = Fixtures.message("+447700900123", List.of("x"), formula, List.of());

    List<CSVRecord> records = Fixtures.parse(write(List.of(message), List.of(formula)));

    assertThat(records.get(1).get(MessageCsv.header().indexOf("body"))).isEqualTo("'" + formula);
  }

  @Test
  void aBodyThatIsNotTheStoredOneIsRefused() throws IOException {
    Message message = Fixtures.message("+447700900123", List.of("x"), "the body", List.of());

    assertThatThrownBy(() -> write(List.of(message), List.of("the other body")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message.id().toString());
  }

  private static byte[] write(List<Message> messages, List<String> bodies) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MessageCsv csv = new MessageCsv(out)) {
      for (int i = 0; i < messages.size(); i++) {
        csv.write(messages.get(i), bodies.get(i));
      }
      assertThat(csv.rows()).isEqualTo(messages.size());
    }
    return out.toByteArray();
  }
}
