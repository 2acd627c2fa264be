package io.custodian.offload.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.records.Message;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The EML of a record, read back with Jakarta Mail's parser: every field exactly, nothing more. */
class EmlWriterTest {

  private final EmlWriter writer =
      new EmlWriter(
          new ParticipantAddresses("sms.example.com"), EmlWriter.DEFAULT_MESSAGE_ID_DOMAIN);

  static Stream<Arguments> hostileValuesInEachMode() {
    List<Arguments> cases = new ArrayList<>();
    for (HeaderMode mode : HeaderMode.values()) {
      for (String value : Messages.HOSTILE) {
        cases.add(Arguments.of(mode, value));
      }
    }
    return cases.stream();
  }

  /** The value in every field at once: each comes back exactly, and no header is added. */
  @ParameterizedTest
  @MethodSource("hostileValuesInEachMode")
  void everyFieldComesBackExactlyAndNoHeaderIsInjected(HeaderMode mode, String value)
      throws Exception {
    byte[] media = Messages.binary(5_000, value.length());
    Messages.Sample sample =
        Messages.sample(
            value,
            value,
            value,
            value,
            value,
            value,
            List.of(value, value + "2"),
            value,
            value,
            List.of(
                new Messages.Attachment(value, value, media),
                new Messages.Attachment("image/jpeg", null, new byte[0])));
    Message record = sample.record();
    Eml eml = writer.eml(record, sample.content(), mode);
    byte[] raw = Messages.bytes(eml);
    Parsed parsed = new Parsed(raw, mode == HeaderMode.SMTPUTF8);

    List<List<String>> blocks = parsed.checkLayout();
    assertThat(blocks.get(0))
        .filteredOn(name -> !name.equals("x-custodian-to"))
        .doesNotHaveDuplicates()
        .doesNotContain("bcc", "cc", "reply-to", "sender");
    assertThat(Collections.frequency(blocks.get(0), "x-custodian-to")).isEqualTo(2);
    assertThat(blocks).hasSize(4);
    if (mode == HeaderMode.RFC2047) {
      assertThat(new String(raw, StandardCharsets.ISO_8859_1)).matches("[\\x01-\\x7f]*");
    }

    assertThat(parsed.header("X-Custodian-Org")).isEqualTo(value);
    assertThat(parsed.header("X-Custodian-Sub-Org")).isEqualTo(value);
    assertThat(parsed.header("X-Custodian-Source-Id")).isEqualTo(value);
    assertThat(parsed.header("X-Custodian-Channel")).isEqualTo(value);
    assertThat(parsed.header("X-Custodian-Direction")).isEqualTo(value);
    assertThat(parsed.header("X-Custodian-Thread-Id")).isEqualTo(value);
    assertThat(parsed.header("X-Custodian-From")).isEqualTo(value);
    assertThat(parsed.headers("X-Custodian-To")).containsExactly(value, value + "2");
    assertThat(parsed.header("Subject")).isEqualTo(EmlWriter.subject(record));
    assertThat(parsed.message.getSubject()).isEqualTo(EmlWriter.subject(record));
    assertThat(parsed.message.getMessageID()).isEqualTo(writer.messageId(record));
    assertThat(parsed.message.getSentDate().toInstant()).isEqualTo("2026-11-21T23:30:00Z");

    String address = new ParticipantAddresses("sms.example.com").address(value);
    if (EmlWriter.isDisplayable(value)) {
      assertThat(parsed.fromName()).isEqualTo(value);
      assertThat(parsed.to())
          .extracting(InternetAddress::getPersonal)
          .containsExactly(value, value + "2");
    } else {
      assertThat(parsed.fromName()).isNull();
      assertThat(parsed.to()).extracting(InternetAddress::getPersonal).containsOnlyNulls();
    }
    assertThat(parsed.fromAddress()).isEqualTo(address);
    assertThat(parsed.to())
        .extracting(InternetAddress::getAddress)
        .containsExactly(address, new ParticipantAddresses("sms.example.com").address(value + "2"));
    for (InternetAddress to : parsed.to()) {
      to.validate();
    }

    assertThat(parsed.body()).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.header("X-Custodian-Body-SHA256")).isEqualTo(record.body().sha256());

    List<BodyPart> attachments = parsed.attachments();
    assertThat(attachments).hasSize(2);
    BodyPart first = attachments.get(0);
    assertThat(Parsed.read(first.getInputStream())).isEqualTo(media);
    assertThat(decoded(first, "X-Custodian-Attachment-Name")).isEqualTo(value);
    assertThat(decoded(first, "X-Custodian-Attachment-Type")).isEqualTo(value);
    assertThat(first.getFileName()).isEqualTo(AttachmentNames.safe(value, 0));
    assertThat(new ContentType(first.getContentType()).getBaseType())
        .isEqualTo(EmlBody.mediaType(value));
    BodyPart second = attachments.get(1);
    assertThat(Parsed.read(second.getInputStream())).isEmpty();
    assertThat(second.getHeader("X-Custodian-Attachment-Name")).isNull();
    assertThat(second.getFileName()).isEqualTo("attachment-1");
    assertThat(new ContentType(second.getContentType()).getBaseType()).isEqualTo("image/jpeg");
  }

  @Test
  void theSameRecordIsTheSameBytesEveryTime() throws Exception {
    Messages.Sample sample = whatsapp();
    byte[] once = Messages.bytes(writer.eml(sample.record(), sample.content(), HeaderMode.RFC2047));
    EmlWriter another =
        new EmlWriter(
            new ParticipantAddresses("sms.example.com"), EmlWriter.DEFAULT_MESSAGE_ID_DOMAIN);
    Eml eml = another.eml(sample.record(), sample.content(), HeaderMode.RFC2047);
    assertThat(Messages.bytes(eml)).isEqualTo(once);
    assertThat(Messages.bytes(eml)).isEqualTo(once);
    assertThat(new String(once, StandardCharsets.US_ASCII))
        .contains("boundary=\"=_custodian_" + sample.record().id() + "\"")
        .doesNotContain(System.getProperty("user.name") + "@");
  }

  @Test
  void theMessageIdIsTheRecordsAtTheConfiguredDomain() {
    Message record = Messages.sms("hi").record();
    assertThat(writer.messageId(record))
        .isEqualTo("<7c9e6679-7425-40de-944b-e07fc1f90ae7.acme@custodian.invalid>");
    EmlWriter archive =
        new EmlWriter(new ParticipantAddresses("sms.example.com"), "archive.example.com");
    assertThat(archive.messageId(record)).endsWith(".acme@archive.example.com>");
    assertThatThrownBy(
            () -> new EmlWriter(new ParticipantAddresses("x.example"), "bad domain\r\nBcc: x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPlainMessageIsOneTextPartInBase64() throws Exception {
    Messages.Sample sample = Messages.sms("Meet at 10?");
    byte[] raw = Messages.bytes(writer.eml(sample.record(), sample.content(), HeaderMode.RFC2047));
    String text = "\r\n" + new String(raw, StandardCharsets.US_ASCII);
    assertThat(text)
        .contains("\r\nContent-Type: text/plain; charset=UTF-8\r\n")
        .contains("\r\nContent-Transfer-Encoding: base64\r\n")
        .contains("\r\nFrom: +15551234567 <+15551234567@sms.example.com>\r\n")
        .contains("\r\nTo: +15557654321 <+15557654321@sms.example.com>\r\n")
        .contains("\r\nSubject: SMS inbound from +15551234567 to +15557654321\r\n")
        .contains("\r\nDate: Sat, 21 Nov 2026 23:30:00 +0000\r\n")
        .contains("\r\nX-Custodian-Sent-At: 2026-11-21T23:30:00.250Z\r\n")
        .endsWith("\r\n\r\nTWVldCBhdCAxMD8=\r\n");
    new Parsed(raw, false).checkLayout();
  }

  @Test
  void longBodiesLinesAndControlsComeBackExactly() throws Exception {
    for (String body :
        List.of(
            "",
            "x".repeat(10_000),
            "é".repeat(10_000),
            "😀".repeat(10_000),
            "a\rb\nc\r\n\r\n.\r\n..\r\nFrom x\r\n",
            "\0\0\0",
            "\r\n.\r\n")) {
      Messages.Sample sample = Messages.sms(body);
      byte[] raw =
          Messages.bytes(writer.eml(sample.record(), sample.content(), HeaderMode.RFC2047));
      Parsed parsed = new Parsed(raw, false);
      parsed.checkLayout();
      assertThat(parsed.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void subjectNamesChannelDirectionAndPartiesCountingRecipientsBeyondThree() {
    Messages.Sample sample =
        Messages.sample(
            "acme",
            null,
            "s",
            "whatsapp",
            "outbound",
            "+441",
            List.of("+1", "+2", "+3", "+4", "+5"),
            null,
            "",
            List.of());
    assertThat(EmlWriter.subject(sample.record()))
        .isEqualTo("WhatsApp outbound from +441 to +1, +2, +3 and 2 more");
  }

  @Test
  void absentSubOrganisationAndThreadHaveNoHeader() throws Exception {
    Messages.Sample sample =
        Messages.sample(
            "acme", null, "s", "mms", "internal", "+1", List.of("+2"), null, "x", List.of());
    Parsed parsed =
        new Parsed(
            Messages.bytes(writer.eml(sample.record(), sample.content(), HeaderMode.RFC2047)),
            false);
    assertThat(parsed.message.getHeader("X-Custodian-Sub-Org")).isNull();
    assertThat(parsed.message.getHeader("X-Custodian-Thread-Id")).isNull();
    assertThat(parsed.header("X-Custodian-Attachment-Count")).isEqualTo("0");
  }

  @Test
  void inSmtpUtf8ModePrintableTextIsRawUtf8AndControlsAreStillEncoded() throws Exception {
    Messages.Sample sample =
        Messages.sample(
            "acme",
            "שלום",
            "s",
            "sms",
            "inbound",
            "Zoë 😀",
            List.of("a\r\nBcc: b@c"),
            null,
            "x",
            List.of());
    byte[] raw = Messages.bytes(writer.eml(sample.record(), sample.content(), HeaderMode.SMTPUTF8));
    String text = new String(raw, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("\r\nX-Custodian-Sub-Org: שלום\r\n")
        .contains("\r\nX-Custodian-From: Zoë 😀\r\n")
        .contains("\r\nX-Custodian-To: =?UTF-8?B?");
    Parsed parsed = new Parsed(raw, true);
    parsed.checkLayout();
    assertThat(parsed.fromName()).isEqualTo("Zoë 😀");
    assertThat(parsed.headers("X-Custodian-To")).containsExactly("a\r\nBcc: b@c");
    byte[] ascii =
        Messages.bytes(writer.eml(sample.record(), sample.content(), HeaderMode.RFC2047));
    assertThat(new String(ascii, StandardCharsets.UTF_8)).doesNotContain("שלום");
  }

  @Test
  void aBodyThatIsNotTheRecordsIsRefused() {
    Messages.Sample sample = Messages.sms("original");
    assertThatThrownBy(
            () -> writer.eml(sample.record(), MessageContent.text("altered"), HeaderMode.RFC2047))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(sample.record().id().toString());
  }

  @Test
  void anAttachmentThatIsNotTheRecordsFailsTheMessage() {
    Messages.Sample sample = whatsapp();
    List<MessageContent.Source> swapped =
        List.of(
            () -> new ByteArrayInputStream(sample.attachmentBytes().get(1)),
            () -> new ByteArrayInputStream(sample.attachmentBytes().get(0)));
    Eml eml =
        writer.eml(
            sample.record(),
            new MessageContent(sample.content().body(), swapped),
            HeaderMode.RFC2047);
    assertThatThrownBy(() -> Messages.bytes(eml))
        .isInstanceOf(EmlContentException.class)
        .hasMessageContaining("attachment 0");
    assertThatThrownBy(
            () ->
                writer.eml(
                    sample.record(),
                    new MessageContent(sample.content().body(), List.of()),
                    HeaderMode.RFC2047))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAttachmentThatCannotBeReadFailsTheMessage() {
    Messages.Sample sample = whatsapp();
    Eml eml =
        writer.eml(
            sample.record(),
            new MessageContent(
                sample.content().body(),
                List.of(
                    () -> {
                      throw new java.io.IOException("vault unavailable");
                    },
                    sample.content().attachments().get(1))),
            HeaderMode.RFC2047);
    assertThatThrownBy(() -> Messages.bytes(eml))
        .isInstanceOf(EmlContentException.class)
        .hasRootCauseMessage("vault unavailable");
  }

  @Test
  void attachmentsKeepTheirBytesTypesAndASafeName() throws Exception {
    Messages.Sample sample = whatsapp();
    Parsed parsed =
        new Parsed(
            Messages.bytes(writer.eml(sample.record(), sample.content(), HeaderMode.RFC2047)),
            false);
    List<BodyPart> parts = parsed.attachments();
    assertThat(parts).hasSize(2);
    assertThat(Parsed.read(parts.get(0).getInputStream()))
        .isEqualTo(sample.attachmentBytes().get(0));
    assertThat(parts.get(0).getFileName()).isEqualTo("passwd");
    assertThat(decoded(parts.get(0), "X-Custodian-Attachment-Name")).isEqualTo("../../etc/passwd");
    assertThat(parts.get(0).isMimeType("image/jpeg")).isTrue();
    assertThat(parts.get(1).getFileName()).isEqualTo("Vertrag März 😀.pdf");
    assertThat(parts.get(1).isMimeType("application/pdf")).isTrue();
    assertThat(decoded(parts.get(1), "X-Custodian-Attachment-SHA256"))
        .isEqualTo(Messages.sha256(sample.attachmentBytes().get(1)));
  }

  private static String decoded(BodyPart part, String name) throws Exception {
    String[] values = part.getHeader(name);
    assertThat(values).hasSize(1);
    return Parsed.decode(values[0]);
  }

  static Messages.Sample whatsapp() {
    return Messages.sample(
        UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"),
        "acme",
        "acme-uk",
        "wamid.HBgLNDQ3NzAwOTAwMTIzFQIAEhgg",
        "whatsapp",
        "inbound",
        "+447700900123",
        List.of("+447700900456"),
        "thread-9",
        "Contract attached.\nשלום 😀",
        List.of(
            new Messages.Attachment("image/jpeg", "../../etc/passwd", Messages.binary(70_000, 1)),
            new Messages.Attachment(
                "application/pdf", "Vertrag März 😀.pdf", Messages.binary(1_000, 2))));
  }
}
