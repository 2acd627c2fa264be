package io.custodian.offload.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import java.io.IOException;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;

/**
 * Opens SMTP connections with Jakarta Mail (Angus). In {@link SmtpEndpoint.Tls#STARTTLS} mode the
 * upgrade is required: a server that does not offer it is refused, never talked to in plain text.
 * TLS is 1.2 or 1.3, the server's host name is always checked against its certificate, and a user
 * is never left unauthenticated: a server that does not offer AUTH is refused.
 */
public final class SmtpConnector {

  static {
    MailStreams.named();
  }

  private static final String PROTOCOL = "smtp";

  /** Connects, says EHLO, upgrades to TLS as the endpoint says, and authenticates. */
  public SmtpConnection open(SmtpEndpoint endpoint) throws SmtpConnectException {
    Session session = Session.getInstance(properties(endpoint));
    SMTPTransport transport;
    try {
      transport = (SMTPTransport) session.getTransport(PROTOCOL);
    } catch (NoSuchProviderException e) {
      throw new IllegalStateException("Angus Mail provides smtp", e);
    }
    try {
      transport.connect(endpoint.host(), endpoint.port(), endpoint.user(), endpoint.password());
    } catch (MessagingException e) {
      int code = transport.getLastReturnCode();
      throw new SmtpConnectException(
          endpoint + ": " + e.getMessage(), code >= 400 && code < 600 ? code : 0, e);
    }
    String refusal = refusal(endpoint, transport);
    if (refusal != null) {
      SmtpConnection.closeQuietly(transport);
      throw new SmtpConnectException(endpoint + ": " + refusal);
    }
    return new SmtpConnection(transport, endpoint);
  }

  private static @Nullable String refusal(SmtpEndpoint endpoint, SMTPTransport transport) {
    if (endpoint.tls() != SmtpEndpoint.Tls.NONE && !transport.isSSL()) {
      return "the connection is not protected by TLS";
    }
    if (endpoint.user() != null
        && !transport.supportsExtension("AUTH")
        && !transport.supportsExtension("AUTH=LOGIN")) {
      return "the server does not offer AUTH, and credentials are configured";
    }
    return null;
  }

  private static Properties properties(SmtpEndpoint endpoint) throws SmtpConnectException {
    String prefix = "mail." + PROTOCOL + ".";
    long timeout = endpoint.timeout().toMillis();
    Properties properties = new Properties();
    properties.setProperty(prefix + "connectiontimeout", Long.toString(timeout));
    properties.setProperty(prefix + "timeout", Long.toString(timeout));
    properties.setProperty(prefix + "writetimeout", Long.toString(timeout));
    properties.setProperty(prefix + "auth", Boolean.toString(endpoint.user() != null));
    properties.setProperty(prefix + "auth.mechanisms", "PLAIN LOGIN");
    properties.setProperty(prefix + "sendpartial", "false");
    properties.setProperty(prefix + "quitwait", "true");
    boolean tls = endpoint.tls() != SmtpEndpoint.Tls.NONE;
    properties.setProperty(
        prefix + "ssl.enable", Boolean.toString(endpoint.tls() == SmtpEndpoint.Tls.IMPLICIT));
    properties.setProperty(
        prefix + "starttls.enable", Boolean.toString(endpoint.tls() == SmtpEndpoint.Tls.STARTTLS));
    properties.setProperty(
        prefix + "starttls.required",
        Boolean.toString(endpoint.tls() == SmtpEndpoint.Tls.STARTTLS));
    properties.put(prefix + "socketFactory", NoDelaySockets.plain());
    if (tls) {
      properties.setProperty(prefix + "ssl.checkserveridentity", "true");
      properties.setProperty(prefix + "ssl.protocols", "TLSv1.3 TLSv1.2");
      SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
      if (endpoint.trustedCertificates() != null) {
        try {
          factory = TrustedCertificates.socketFactory(endpoint.trustedCertificates());
        } catch (IOException e) {
          throw new SmtpConnectException(endpoint + ": " + e.getMessage(), 0, e);
        }
      }
      properties.put(prefix + "ssl.socketFactory", NoDelaySockets.tls(factory));
    }
    return properties;
  }
}
