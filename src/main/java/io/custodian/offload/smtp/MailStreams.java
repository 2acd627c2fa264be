package io.custodian.offload.smtp;

/**
 * Names Angus Mail's stream provider to Jakarta Mail. Without the name, jakarta.mail-api 2.1 looks
 * the provider up with a {@link java.util.ServiceLoader} scan of the class path several times for
 * every message written (jakartaee/mail-api#699), which in the service's nested jar took half the
 * CPU of sending mail. Set once, before the first message; an operator's own setting is kept.
 */
final class MailStreams {

  static final String PROPERTY = "jakarta.mail.util.StreamProvider";
  static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

  private MailStreams() {}

  static void named() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, ANGUS);
    }
  }
}
