package io.custodian.offload.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an endpoint takes: plain text only to loopback, plain addresses, no password in logs. */
class SmtpEndpointTest {

  @Test
  void plainTextIsOnlyForLoopback() {
    assertThat(endpoint("127.0.0.1", SmtpEndpoint.Tls.NONE).tls()).isEqualTo(SmtpEndpoint.Tls.NONE);
    assertThat(endpoint("localhost", SmtpEndpoint.Tls.NONE).host()).isEqualTo("localhost");
    assertThatThrownBy(() -> endpoint("mail.example.com", SmtpEndpoint.Tls.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(endpoint("mail.example.com", SmtpEndpoint.Tls.STARTTLS).port()).isEqualTo(587);
  }

  @Test
  void addressesAndHostsMustBePlain() {
    assertThatThrownBy(
            () ->
                new SmtpEndpoint(
                    "mail.example.com\r\nx",
                    587,
                    SmtpEndpoint.Tls.STARTTLS,
                    null,
                    null,
                    "a@b.example",
                    List.of("c@d.example"),
                    null,
                    Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new SmtpEndpoint(
                    "mail.example.com",
                    587,
                    SmtpEndpoint.Tls.STARTTLS,
                    null,
                    null,
                    "a@b.example>\r\nRCPT TO:<x@y",
                    List.of("c@d.example"),
                    null,
                    Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new SmtpEndpoint(
                    "mail.example.com",
                    587,
                    SmtpEndpoint.Tls.STARTTLS,
                    null,
                    null,
                    "a@b.example",
                    List.of(),
                    null,
                    Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new SmtpEndpoint(
                    "mail.example.com",
                    587,
                    SmtpEndpoint.Tls.STARTTLS,
                    "user",
                    null,
                    "a@b.example",
                    List.of("c@d.example"),
                    null,
                    Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thePasswordIsNeverInItsText() {
    assertThat(endpoint("mail.example.com", SmtpEndpoint.Tls.STARTTLS).toString())
        .contains("relay@mail.example.com:587")
        .doesNotContain("s3cret");
  }

  private static SmtpEndpoint endpoint(String host, SmtpEndpoint.Tls tls) {
    return new SmtpEndpoint(
        host,
        587,
        tls,
        "relay",
        "s3cret",
        "custodian@acme.example",
        List.of("journal@archive.example"),
        null,
        Duration.ofSeconds(5));
  }
}
