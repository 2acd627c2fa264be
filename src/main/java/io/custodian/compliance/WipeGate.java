package io.custodian.compliance;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The one gate every destruction of content passes through. It allows a wipe only with proof of a
 * verified delivery and no objection from any rule, and fails closed: no evidence source, no wipe.
 */
@Service
public class WipeGate {

  private final List<DeliveryEvidence> evidence;
  private final List<WipeRule> rules;

  WipeGate(List<DeliveryEvidence> evidence, List<WipeRule> rules) {
    this.evidence = List.copyOf(evidence);
    this.rules = List.copyOf(rules);
  }

  /** The gate's answer and the reason for it, which goes into the audit trail. */
  public record Decision(boolean allowed, String reason) {

    static Decision allow(String reason) {
      return new Decision(true, reason);
    }

    static Decision refuse(String reason) {
      return new Decision(false, reason);
    }
  }

  /** Whether the candidate's content may be destroyed now. */
  public Decision decide(WipeCandidate candidate) {
    Optional<String> delivered =
        evidence.stream()
            .map(source -> source.verifiedDelivery(candidate))
            .flatMap(Optional::stream)
            .findFirst();
    if (delivered.isEmpty()) {
      return Decision.refuse("no verified delivery");
    }
    for (WipeRule rule : rules) {
      Optional<String> objection = rule.objection(candidate);
      if (objection.isPresent()) {
        return Decision.refuse(objection.get());
      }
    }
    return Decision.allow(delivered.get());
  }
}
