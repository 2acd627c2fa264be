package io.custodian.compliance;

import java.util.Optional;

/**
 * A rule that may forbid destroying a record's content even after its verified delivery: a
 * retention period that has not run out, a legal hold. Every rule is asked; one objection is enough
 * to refuse.
 */
public interface WipeRule {

  /** Why the candidate's content must be kept, if it must. */
  Optional<String> objection(WipeCandidate candidate);
}
