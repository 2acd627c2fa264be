package io.custodian.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The gate's rule: proof of verified delivery and no objection, else no wipe. */
class WipeGateTest {

  private static final WipeCandidate CANDIDATE =
      new WipeCandidate("acme", RecordKind.RECORDING, UUID.randomUUID());
  private static final DeliveryEvidence DELIVERED = c -> Optional.of("batch b1");
  private static final DeliveryEvidence NOT_DELIVERED = c -> Optional.empty();

  @Test
  void aVerifiedDeliveryWithoutObjectionAllowsTheWipe() {
    WipeGate.Decision decision =
        new WipeGate(List.of(NOT_DELIVERED, DELIVERED), List.of()).decide(CANDIDATE);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.reason()).isEqualTo("batch b1");
  }

  @Test
  void withoutProofOfDeliveryTheGateRefuses() {
    assertThat(new WipeGate(List.of(NOT_DELIVERED), List.of()).decide(CANDIDATE))
        .isEqualTo(new WipeGate.Decision(false, "no verified delivery"));
  }

  @Test
  void withNoSourceOfEvidenceAtAllTheGateFailsClosed() {
    assertThat(new WipeGate(List.of(), List.of()).decide(CANDIDATE).allowed()).isFalse();
  }

  @Test
  void oneObjectionIsEnoughToRefuseEvenAfterDelivery() {
    WipeRule noObjection = c -> Optional.empty();
    WipeRule legalHold =
        c ->
            c.recordId().equals(CANDIDATE.recordId())
                ? Optional.of("legal hold H-7")
                : Optional.empty();

    WipeGate gate = new WipeGate(List.of(DELIVERED), List.of(noObjection, legalHold));

    assertThat(gate.decide(CANDIDATE)).isEqualTo(new WipeGate.Decision(false, "legal hold H-7"));
    assertThat(
            gate.decide(new WipeCandidate("acme", RecordKind.MESSAGE, UUID.randomUUID())).allowed())
        .as("the hold covers only its own record")
        .isTrue();
  }
}
