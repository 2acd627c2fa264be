package io.custodian.offload.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;

/**
 * One open SMTP session to a journaling mailbox, for several messages one after another. A message
 * counts as delivered only on the server's 250 reply to the end of its data. Every message goes to
 * all the endpoint's recipients or to none: if the server refuses one recipient, the message is not
 * sent to the others either, so sending it again can never give one mailbox a second copy.
 */
public final class SmtpConnection implements AutoCloseable {

  private static final int LONGEST_REPLY = 2_000;
  private static final Session SESSION = Session.getInstance(new Properties());

  private final SMTPTransport transport;
  private final SmtpEndpoint endpoint;
  private final InternetAddress[] recipients;
  private boolean open = true;

  SmtpConnection(SMTPTransport transport, SmtpEndpoint endpoint) {
    this.transport = transport;
    this.endpoint = endpoint;
    this.recipients =
        endpoint.recipients().stream().map(SmtpConnection::address).toArray(InternetAddress[]::new);
  }

  /** Whether the server offers SMTPUTF8, so that messages in {@link HeaderMode#SMTPUTF8} may go. */
  public boolean smtpUtf8() {
    return transport.supportsExtension("SMTPUTF8");
  }

  /** Whether messages can still be sent: false once the connection was lost or closed. */
  public boolean isOpen() {
    return open;
  }

  /** Whether the session is protected by TLS. */
  boolean isTls() {
    return transport.isSSL();
  }

  /**
   * Sends one message to every recipient of the endpoint.
   *
   * @throws EmlContentException if the message's content could not be read or was not its record's;
   *     the server got no end of data, so holds nothing of it, and the connection is closed
   * @throws IllegalArgumentException if the message has raw UTF-8 headers and the server does not
   *     offer SMTPUTF8
   */
  public SmtpOutcome send(Eml eml) throws EmlContentException {
    if (!open) {
      return new SmtpOutcome.Deferred(0, "the connection to " + endpoint + " is closed");
    }
    if (eml.headerMode() == HeaderMode.SMTPUTF8 && !smtpUtf8()) {
      throw new IllegalArgumentException(endpoint + " does not offer SMTPUTF8");
    }
    try {
      transport.sendMessage(new Outgoing(eml), recipients);
      String reply = reply(transport.getLastServerResponse());
      return new SmtpOutcome.Delivered(reply, QueueIds.parse(reply));
    } catch (MessagingException e) {
      EmlContentException content = contentFailure(e);
      if (content != null) {
        close();
        throw content;
      }
      SmtpOutcome outcome = outcome(e);
      if (!stillOpen(outcome)) {
        close();
      }
      return outcome;
    } catch (IllegalStateException e) {
      open = false;
      return new SmtpOutcome.Deferred(0, "not connected to " + endpoint);
    }
  }

  private static SmtpOutcome outcome(MessagingException e) {
    if (e instanceof SMTPSendFailedException failed) {
      return byCode(failed.getReturnCode(), reply(failed.getMessage()), List.of());
    }
    if (e instanceof SendFailedException) {
      List<SmtpOutcome.RecipientRefusal> refusals = refusals(e);
      for (SmtpOutcome.RecipientRefusal refusal : refusals) {
        if (refusal.code() >= 500 && refusal.code() < 600) {
          return new SmtpOutcome.Rejected(refusal.code(), refusal.reply(), refusals);
        }
      }
      if (!refusals.isEmpty()) {
        SmtpOutcome.RecipientRefusal first = refusals.get(0);
        return byCode(first.code(), first.reply(), List.of());
      }
    }
    return new SmtpOutcome.Deferred(0, reply(e.getMessage()));
  }

  private static SmtpOutcome byCode(
      int code, String reply, List<SmtpOutcome.RecipientRefusal> refusals) {
    if (code >= 500 && code < 600) {
      return new SmtpOutcome.Rejected(code, reply, refusals);
    }
    return new SmtpOutcome.Deferred(code >= 400 && code < 500 ? code : 0, reply);
  }

  /** The recipients refused at RCPT TO, from the chain of exceptions Angus gives them in. */
  private static List<SmtpOutcome.RecipientRefusal> refusals(MessagingException e) {
    List<SmtpOutcome.RecipientRefusal> refusals = new ArrayList<>();
    Exception next = e;
    while (next instanceof MessagingException m) {
      if (m instanceof SMTPAddressFailedException failed) {
        refusals.add(
            new SmtpOutcome.RecipientRefusal(
                failed.getAddress().getAddress(),
                failed.getReturnCode(),
                reply(failed.getMessage())));
      }
      next = m.getNextException();
    }
    return refusals;
  }

  /** Whether the session can take another message after this outcome. */
  private boolean stillOpen(SmtpOutcome outcome) {
    if (outcome instanceof SmtpOutcome.Deferred deferred
        && (deferred.code() == 0 || deferred.code() == 421)) {
      return false;
    }
    return transport.isConnected();
  }

  private static @Nullable EmlContentException contentFailure(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof EmlContentException content) {
        return content;
      }
    }
    return null;
  }

  private static String reply(@Nullable String reply) {
    String trimmed = reply == null ? "" : reply.strip();
    return trimmed.length() > LONGEST_REPLY ? trimmed.substring(0, LONGEST_REPLY) : trimmed;
  }

  private static InternetAddress address(String address) {
    InternetAddress internet = new InternetAddress();
    internet.setAddress(address);
    return internet;
  }

  static void closeQuietly(SMTPTransport transport) {
    try {
      transport.close();
    } catch (MessagingException e) {
      // the connection is gone either way
    }
  }

  /** Says QUIT and closes. */
  @Override
  public void close() {
    open = false;
    closeQuietly(transport);
  }

  /**
   * The message as Angus sends it: the envelope sender, SMTPUTF8 when its headers need it, and the
   * bytes the {@link Eml} writes, exactly.
   */
  private final class Outgoing extends SMTPMessage {

    private final Eml eml;

    Outgoing(Eml eml) {
      super(SESSION);
      this.eml = eml;
      setEnvelopeFrom(endpoint.envelopeSender());
      if (eml.headerMode() == HeaderMode.SMTPUTF8) {
        setMailExtension("SMTPUTF8");
      }
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
      eml.writeTo(out);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      eml.writeTo(out);
    }
  }
}
