package io.custodian.compliance.web;

import io.custodian.compliance.Purges;
import io.custodian.compliance.RecordKind;
import io.custodian.compliance.WipeCandidate;
import io.custodian.identity.Caller;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An administrator's deletion of a record's content: the same crypto-shredding as purge after
 * delivery, and only where the same gate allows it (every destination of the record has it, and no
 * rule objects). The record's metadata and audit trail stay. Refusals are audited with the gate's
 * reason.
 */
@RestController
class PurgeController {

  private final Purges purges;

  PurgeController(Purges purges) {
    this.purges = purges;
  }

  @DeleteMapping("/api/v1/admin/orgs/{org}/recordings/{id}/content")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void recording(@PathVariable String org, @PathVariable UUID id, HttpServletRequest request) {
    purge(new WipeCandidate(org, RecordKind.RECORDING, id), request);
  }

  @DeleteMapping("/api/v1/admin/orgs/{org}/messages/{id}/content")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void message(@PathVariable String org, @PathVariable UUID id, HttpServletRequest request) {
    purge(new WipeCandidate(org, RecordKind.MESSAGE, id), request);
  }

  private void purge(WipeCandidate candidate, HttpServletRequest request) {
    String actor = Caller.of(request).actor();
    switch (purges.purge(candidate, actor)) {
      case PURGED, ALREADY_PURGED -> {}
      case REFUSED ->
          throw new CustodianException(
              ErrorCode.PURGE_REFUSED,
              "The purge gate refused: the record has not been delivered to every destination that"
                  + " carries it, or a rule keeps it; see the audit trail");
      case NOT_FOUND -> {
        purges.refusedUnknown(candidate, actor);
        throw CustodianException.notFound("Record " + candidate.recordId());
      }
    }
  }
}
