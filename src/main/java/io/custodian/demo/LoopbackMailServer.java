package io.custodian.demo;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * The customer's journaling mailbox, played by GreenMail on 127.0.0.1: plain SMTP (loopback only)
 * that takes mail for any address. What it received is written out as one {@code .eml} file per
 * message, named by its record id, to read with any mail client or text viewer. It runs beside the
 * service, not inside it, so nothing of it exists in a real installation.
 */
final class LoopbackMailServer implements AutoCloseable {

  static final String JOURNAL = "journal@archive.demo-bank.example";
  static final String SENDER = "custodian@demo-bank.example";

  private static final Pattern RECORD_ID = Pattern.compile("[0-9a-f-]{36}");

  private final GreenMail greenMail;
  private final Path mailbox;

  private LoopbackMailServer(GreenMail greenMail, Path mailbox) {
    this.greenMail = greenMail;
    this.mailbox = mailbox;
  }

  /** Starts the server; received messages go to {@code mailbox}, created if needed. */
  static LoopbackMailServer start(Path mailbox) throws IOException {
    Files.createDirectories(mailbox);
    GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    return new LoopbackMailServer(greenMail, mailbox);
  }

  int port() {
    return greenMail.getSmtp().getPort();
  }

  Path mailbox() {
    return mailbox;
  }

  /**
   * Writes every message received so far to the mailbox directory as {@code <record id>.eml},
   * atomically; answers how many files it wrote.
   */
  int save() throws IOException {
    int saved = 0;
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      try {
        String id = message.getHeader("X-Custodian-Record-Id", null);
        if (id == null || !RECORD_ID.matcher(id.trim()).matches()) {
          continue;
        }
        Path file = mailbox.resolve(id.trim() + ".eml");
        Path partial = mailbox.resolve(id.trim() + ".eml.partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
          message.writeTo(out);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        saved++;
      } catch (MessagingException e) {
        throw new IOException("cannot write a received message out", e);
      }
    }
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (FolderException e) {
      throw new IOException("cannot empty the loopback mailbox", e);
    }
    return saved;
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
