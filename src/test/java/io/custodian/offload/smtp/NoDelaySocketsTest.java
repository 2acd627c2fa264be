package io.custodian.offload.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** SMTP sockets go without Nagle's algorithm, plain and TLS alike. */
class NoDelaySocketsTest {

  @Test
  void everySocketMadeHasTcpNoDelay() throws Exception {
    try (Socket plain = NoDelaySockets.plain().createSocket();
        Socket tls =
            NoDelaySockets.tls((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket()) {
      assertThat(plain.getTcpNoDelay()).isTrue();
      assertThat(tls.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void theStreamProviderIsNamedOnceMailIsUsed() {
    new SmtpConnector();
    assertThat(System.getProperty(MailStreams.PROPERTY)).isNotNull();
  }
}
