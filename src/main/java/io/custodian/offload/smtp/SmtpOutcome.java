package io.custodian.offload.smtp;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What became of one message sent: delivered (the server answered 250 to the end of its data),
 * deferred (a 4xx reply or a lost connection: try again later, with the same {@code Message-ID}),
 * or rejected (a 5xx reply: trying again will not help; keep it for an operator).
 */
public sealed interface SmtpOutcome {

  /** The server's reply, as it gave it (lines joined with LF). */
  String reply();

  /**
   * The server accepted the message.
   *
   * @param queueId the id the server gave the message in its reply, when it gave one in a form
   *     Custodian knows ({@code queued as …}, {@code id=…}, {@code InternalId=…}, …)
   */
  record Delivered(String reply, @Nullable String queueId) implements SmtpOutcome {}

  /**
   * Not delivered this time; the same message may be sent again.
   *
   * @param code the reply code, 4xx; 0 when the connection was lost or no reply came
   */
  record Deferred(int code, String reply) implements SmtpOutcome {}

  /**
   * Refused for good.
   *
   * @param code the reply code, 5xx
   * @param recipients the recipients the server refused one by one, when it did; the message went
   *     to none of the recipients, not even those it accepted
   */
  record Rejected(int code, String reply, List<RecipientRefusal> recipients)
      implements SmtpOutcome {

    public Rejected {
      recipients = List.copyOf(recipients);
    }
  }

  /** One recipient refused at {@code RCPT TO}. */
  record RecipientRefusal(String address, int code, String reply) {}
}
