package io.custodian.audit;

import org.jspecify.annotations.Nullable;

/**
 * Something that happened and must be accounted for.
 *
 * @param actor who did it: {@code key:<id>} for an API key, {@code system} for the service
 * @param action what, as a dotted verb such as {@code recording.read}
 * @param orgId the organisation whose data it concerns, if any
 * @param subject the object acted on, such as a record id
 * @param outcome how it ended
 * @param detail a short, non-secret description; never content
 */
public record AuditEvent(
    String actor,
    String action,
    @Nullable String orgId,
    @Nullable String subject,
    Outcome outcome,
    String detail) {

  /** The actor name of the service itself. */
  public static final String SYSTEM = "system";

  /** How an audited action ended. */
  public enum Outcome {
    SUCCESS,
    DENIED,
    REJECTED,
    FAILED
  }
}
