package io.custodian.audit.web;

import io.custodian.audit.AuditEntries;
import io.custodian.audit.AuditVerification;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin endpoints over the audit trail; the identity filter admits admin keys only. */
@RestController
@RequestMapping("/api/v1/admin/audit")
class AuditController {

  private final AuditEntries entries;
  private final AuditVerification verification;

  AuditController(AuditEntries entries, AuditVerification verification) {
    this.entries = entries;
    this.verification = verification;
  }

  @GetMapping("/verification")
  AuditVerification.Report verify() {
    return verification.verify();
  }

  @GetMapping("/entries")
  List<AuditEntries.View> entries(
      @RequestParam(defaultValue = "0") long after,
      @RequestParam(required = false) @Nullable String org,
      @RequestParam(defaultValue = "100") int limit) {
    return entries.list(after, org, Math.max(1, Math.min(limit, 1000)));
  }
}
