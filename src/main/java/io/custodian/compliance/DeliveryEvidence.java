package io.custodian.compliance;

import java.util.Optional;

/**
 * A source of proof that a record's content reached the customer's own archive and was verified
 * there: an SFTP batch listed and checked on the server, later a mail accepted by the journaling
 * mailbox or an acknowledgement over the API. The gate allows no wipe without such proof.
 */
public interface DeliveryEvidence {

  /** A short description of the verified delivery of the candidate, if there is one. */
  Optional<String> verifiedDelivery(WipeCandidate candidate);
}
