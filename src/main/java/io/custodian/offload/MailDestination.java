package io.custodian.offload;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An organisation's mail destination as stored, without its password: each message goes as one EML
 * to the journaling recipients over SMTP. Its JSON uses the request's names, so what {@code GET}
 * answers can be edited and sent back with {@code PUT}.
 *
 * @param tls {@code starttls}, {@code implicit} or {@code none}
 * @param user the AUTH user; null when the server takes mail without AUTH
 * @param envelopeSender the address given in {@code MAIL FROM}, where bounces go
 * @param recipients the journaling mailboxes; the participants named in the headers never get it
 * @param participantDomain the domain of every participant's address without a known mailbox
 * @param knownAddresses mailboxes of known participants, by their number or messaging id
 * @param trustedCertificates PEM certificates trusted for this server instead of the JDK's
 * @param schedule {@code continuous} (a batch every {@code delaySeconds}) or {@code daily}
 * @param timeoutSeconds the bound on connecting and on each read from or write to the server
 * @param ratePerMinute the most messages sent a minute; 0 for no limit
 */
@JsonPropertyOrder({
  "orgId",
  "stream",
  "host",
  "port",
  "tls",
  "user",
  "hasPassword",
  "envelopeSender",
  "recipients",
  "participantDomain",
  "knownAddresses",
  "trustedCertificates",
  "schedule",
  "delaySeconds",
  "dailyAt",
  "timeoutSeconds",
  "messagesPerConnection",
  "ratePerMinute",
  "purgeAfterDelivery",
  "enabled",
  "nextCutAt"
})
public record MailDestination(
    String orgId,
    OffloadStream stream,
    String host,
    int port,
    String tls,
    @Nullable String user,
    boolean hasPassword,
    String envelopeSender,
    List<String> recipients,
    String participantDomain,
    Map<String, String> knownAddresses,
    @Nullable String trustedCertificates,
    String schedule,
    @Nullable Integer delaySeconds,
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm") @Nullable LocalTime dailyAt,
    long timeoutSeconds,
    int messagesPerConnection,
    int ratePerMinute,
    boolean purgeAfterDelivery,
    boolean enabled,
    Instant nextCutAt) {}
