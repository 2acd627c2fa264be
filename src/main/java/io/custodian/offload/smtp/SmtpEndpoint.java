package io.custodian.offload.smtp;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where and how to reach a customer's journaling mailbox.
 *
 * @param tls how the connection is protected; {@link Tls#NONE} only to a loopback address
 * @param user the AUTH user, when the server takes one; then the password too
 * @param envelopeSender the address given in {@code MAIL FROM}, where bounces go
 * @param recipients the journaling mailboxes, each given in {@code RCPT TO}; the participants in a
 *     message's headers never receive it
 * @param trustedCertificates PEM certificates (the server's own, or a private CA's) trusted instead
 *     of the JDK's default trust store, for a server whose certificate no public CA signed; the
 *     host name is checked against the certificate either way
 * @param timeout the bound on connecting and on each read from or write to the server
 */
public record SmtpEndpoint(
    String host,
    int port,
    Tls tls,
    @Nullable String user,
    @Nullable String password,
    String envelopeSender,
    List<String> recipients,
    @Nullable String trustedCertificates,
    Duration timeout) {

  /** How the connection is protected. */
  public enum Tls {
    /** Plain text: only for a test server on a loopback address. */
    NONE,
    /** Plain text upgraded with STARTTLS before anything else is said; refused if not offered. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    IMPLICIT
  }

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");
  private static final Pattern LOOPBACK =
      Pattern.compile("localhost|127(?:\\.[0-9]{1,3}){3}|::1|\\[::1\\]");

  /**
   * @throws IllegalArgumentException if a field is malformed, a user comes without a password (or
   *     the reverse), there is no recipient, or plain text is asked for to a host that is not
   *     loopback
   */
  public SmtpEndpoint {
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("not a host name or address: " + host);
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
    if (tls == Tls.NONE && !LOOPBACK.matcher(host).matches()) {
      throw new IllegalArgumentException("plain text is only for a loopback server, not " + host);
    }
    if ((user == null) != (password == null)) {
      throw new IllegalArgumentException("a user and a password go together");
    }
    if (user != null && (user.isEmpty() || user.chars().anyMatch(Character::isISOControl))) {
      throw new IllegalArgumentException("not a user name");
    }
    ParticipantAddresses.requireAddress(envelopeSender);
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("at least one recipient");
    }
    recipients.forEach(ParticipantAddresses::requireAddress);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive");
    }
  }

  /** The endpoint and its credentials' user, never the password. */
  @Override
  public String toString() {
    return "smtp "
        + tls.name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + (user == null ? "" : user + "@")
        + host
        + ":"
        + port
        + " to "
        + recipients;
  }
}
