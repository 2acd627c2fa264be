package io.custodian.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import org.junit.jupiter.api.Test;

/**
 * Requests without a valid key are all refused, all counted, and audited without letting a client
 * with no key fill the audit trail.
 */
class FailedAuthenticationTest extends AppTest {

  @org.springframework.beans.factory.annotation.Autowired FailedAuthentications failures;

  private static final int REQUESTS = 40;

  @Test
  void aFloodOfRequestsWithoutAKeyIsRefusedCountedAndAuditedInBoundedEntries() {
    failures.endAllWindows();
    long entriesBefore = failedEntries();
    double countedBefore = prometheusSum("custodian_auth_failed_total");
    for (int i = 0; i < REQUESTS; i++) {
      Api.Response refused = api.get("/api/v1/orgs/acme/recordings/" + i, i % 2 == 0 ? null : "x");
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.code()).isEqualTo("UNAUTHENTICATED");
    }
    long entries = failedEntries() - entriesBefore;
    assertThat(entries)
        .as("at most two windows' worth of single entries and a summary")
        .isPositive()
        .isLessThanOrEqualTo(2L * FailedAuthentications.AUDITED_PER_MINUTE + 1);
    assertThat(prometheusSum("custodian_auth_failed_total") - countedBefore).isEqualTo(REQUESTS);
  }

  private long failedEntries() {
    return jdbc.sql("select count(*) from audit_log where action = 'auth.failed'")
        .query(Long.class)
        .single();
  }
}
