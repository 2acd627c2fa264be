package io.custodian.offload.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Queue ids in the replies common servers give to the end of data. */
class QueueIdsTest {

  @Test
  void readsTheCommonForms() {
    assertThat(QueueIds.parse("250 2.0.0 Ok: queued as 4F1B32C0A1")).isEqualTo("4F1B32C0A1");
    assertThat(QueueIds.parse("250 OK id=1rAbCd-000Abc-2x")).isEqualTo("1rAbCd-000Abc-2x");
    assertThat(
            QueueIds.parse(
                "250 2.6.0 <x@y> [InternalId=123456789, Hostname=EX01] Queued mail for delivery"))
        .isEqualTo("123456789");
    assertThat(QueueIds.parse("250 2.0.0 5ALNUA0u012345 Message accepted for delivery"))
        .isEqualTo("5ALNUA0u012345");
    assertThat(QueueIds.parse("250 2.0.0 OK  1700000000 d9443c01a7336-1dd2c0e1b2csi.301 - gsmtp"))
        .isEqualTo("d9443c01a7336-1dd2c0e1b2csi.301");
  }

  @Test
  void anythingElseGivesNone() {
    assertThat(QueueIds.parse("250 OK")).isNull();
    assertThat(QueueIds.parse("250 queued as \r\nBcc")).isNull();
    assertThat(QueueIds.parse("")).isNull();
  }
}
