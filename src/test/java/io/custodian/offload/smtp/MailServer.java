package io.custodian.offload.smtp;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A real SMTP server on loopback: GreenMail, plain SMTP and SMTPS (with the test certificate), AUTH
 * for one user, and two journaling mailboxes whose messages are read back raw.
 */
public final class MailServer implements AutoCloseable {

  public static final String JOURNAL = "journal@archive.example";
  public static final String AUDIT = "audit@archive.example";
  public static final String SENDER = "custodian@relay.example";
  public static final String USER = "custodian";
  public static final String PASSWORD = "pass word ü";

  private final GreenMail greenMail;
  private final GreenMailUser journal;
  private final GreenMailUser audit;

  public MailServer() {
    TestCertificate.installForGreenMail();
    greenMail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)
            });
    greenMail.start();
    greenMail.setUser(SENDER, USER, PASSWORD);
    journal = greenMail.setUser(JOURNAL, "journal", "unused-1");
    audit = greenMail.setUser(AUDIT, "audit", "unused-2");
  }

  public int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  public int smtpsPort() {
    return greenMail.getSmtps().getPort();
  }

  /** An endpoint for this server with AUTH and both mailboxes as recipients. */
  SmtpEndpoint endpoint(SmtpEndpoint.Tls tls, int port) {
    return endpoint(tls, port, USER, PASSWORD, TestCertificate.SERVER.pem());
  }

  static SmtpEndpoint endpoint(
      SmtpEndpoint.Tls tls,
      int port,
      @Nullable String user,
      @Nullable String password,
      @Nullable String trusted) {
    return new SmtpEndpoint(
        "127.0.0.1",
        port,
        tls,
        user,
        password,
        SENDER,
        List.of(JOURNAL, AUDIT),
        trusted,
        Duration.ofSeconds(10));
  }

  /** The messages in a mailbox, each as the raw bytes the server stored. */
  public List<byte[]> mailbox(String address) throws Exception {
    GreenMailUser user = address.equals(JOURNAL) ? journal : audit;
    List<byte[]> messages = new ArrayList<>();
    for (var stored : greenMail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
      MimeMessage message = stored.getMimeMessage();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      message.writeTo(out);
      messages.add(out.toByteArray());
    }
    return messages;
  }

  public int received() {
    return greenMail.getReceivedMessages().length;
  }

  public void stop() {
    greenMail.stop();
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
