package io.custodian.offload.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The name an attachment is offered under can lead a mail client nowhere. */
class AttachmentNamesTest {

  @Test
  void pathsAreStrippedToTheLastPart() {
    assertThat(AttachmentNames.safe("../../etc/passwd", 0)).isEqualTo("passwd");
    assertThat(AttachmentNames.safe("C:\\Windows\\system32\\evil.dll", 0)).isEqualTo("evil.dll");
    assertThat(AttachmentNames.safe("..", 3)).isEqualTo("attachment-3");
    assertThat(AttachmentNames.safe("dir/", 1)).isEqualTo("attachment-1");
  }

  @Test
  void controlsReservedAndBidiCharactersAreReplaced() {
    assertThat(AttachmentNames.safe("a\r\nb\0c.txt", 0)).isEqualTo("a__b_c.txt");
    assertThat(AttachmentNames.safe("invoice\u202Efdp.exe", 0)).isEqualTo("invoice_fdp.exe");
    assertThat(AttachmentNames.safe("a<b>c:d\"e|f?g*h", 0)).isEqualTo("a_b_c_d_e_f_g_h");
    assertThat(AttachmentNames.safe(" .hidden. ", 0)).isEqualTo("hidden");
  }

  @Test
  void unicodeIsKeptAndLongNamesKeepTheirExtension() {
    assertThat(AttachmentNames.safe("Vertrag März 😀.pdf", 0)).isEqualTo("Vertrag März 😀.pdf");
    String bounded = AttachmentNames.safe("😀".repeat(500) + ".jpeg", 0);
    assertThat(bounded.codePointCount(0, bounded.length())).isEqualTo(AttachmentNames.LONGEST);
    assertThat(bounded).endsWith("😀.jpeg");
  }

  @Test
  void windowsDeviceNamesAreDefused() {
    assertThat(AttachmentNames.safe("CON", 0)).isEqualTo("_CON");
    assertThat(AttachmentNames.safe("nul.txt", 0)).isEqualTo("_nul.txt");
    assertThat(AttachmentNames.safe("console.txt", 0)).isEqualTo("console.txt");
  }

  @Test
  void noNameGivesOneByIndex() {
    assertThat(AttachmentNames.safe(null, 2)).isEqualTo("attachment-2");
    assertThat(AttachmentNames.safe("", 0)).isEqualTo("attachment-0");
  }
}
