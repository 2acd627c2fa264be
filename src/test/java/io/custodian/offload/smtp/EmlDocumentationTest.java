package io.custodian.offload.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The example EML in {@code docs/offload-formats.md} is what Custodian writes for its record. */
class EmlDocumentationTest {

  static final Path DOCS = Path.of("docs", "offload-formats.md");

  @Test
  void theDocumentedExampleIsTheWritersOutput() throws Exception {
    String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
    int start = docs.indexOf("```eml\n");
    assertThat(start).as("an ```eml block in %s", DOCS).isPositive();
    int end = docs.indexOf("```\n", start + 7);
    String documented = docs.substring(start + 7, end);
    assertThat(withoutTrailingSpaces(documented))
        .isEqualTo(withoutTrailingSpaces(example().replace("\r\n", "\n")));
  }

  /** The documentation may lose the space Jakarta Mail leaves before a fold. */
  private static String withoutTrailingSpaces(String text) {
    return text.replaceAll(" +\n", "\n");
  }

  static String example() throws Exception {
    Messages.Sample sample =
        Messages.sample(
            UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
            "acme",
            "acme-uk",
            "wamid.HBgLNDQ3NzAwOTAwMTIzFQIAEhgg",
            "whatsapp",
            "inbound",
            "+447700900123",
            List.of("+447700900456", "group:desk-7"),
            "thread-9",
            "Contract attached.\nשלום, see you at 10 😀",
            List.of(
                new Messages.Attachment(
                    "image/jpeg",
                    "IMG_0042.jpg",
                    HexFormat.of().parseHex("ffd8ffe000104a46494600010100000100010000ffd9")),
                new Messages.Attachment(
                    "application/pdf",
                    "../Vertrag März.pdf",
                    "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))));
    EmlWriter writer =
        new EmlWriter(
            new ParticipantAddresses("sms.example.com"), EmlWriter.DEFAULT_MESSAGE_ID_DOMAIN);
    return new String(
        Messages.bytes(writer.eml(sample.record(), sample.content(), HeaderMode.RFC2047)),
        StandardCharsets.US_ASCII);
  }
}
