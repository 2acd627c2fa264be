package io.custodian.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.StandaloneApp;
import io.custodian.support.Tenants;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** Each key has its own rate limit: past its burst, 429 with Retry-After, until tokens refill. */
class RateLimitTest {

  @TempDir Path dataDir;

  @Test
  void aKeyPastItsBurstGets429WithRetryAfterAndOtherKeysAreNotAffected() {
    String admin = AppTest.newKey();
    try (ConfigurableApplicationContext app =
        StandaloneApp.start(
            dataDir,
            "--custodian.identity.bootstrap-admin-key=" + admin,
            "--custodian.identity.rate-limit.per-second=1",
            "--custodian.identity.rate-limit.burst=8")) {
      Api api = StandaloneApp.api(app);
      Tenants tenants = new Tenants(api, admin);
      Tenants.Org first = tenants.create("first");
      Tenants.Org second = tenants.create("second");

      int ok = 0;
      Api.Response limited = null;
      for (int i = 0; i < 20 && limited == null; i++) {
        Api.Response answer = api.get("/api/v1/orgs/first", first.key());
        if (answer.status() == 429) {
          limited = answer;
        } else {
          assertThat(answer.status()).isEqualTo(200);
          ok++;
        }
      }
      assertThat(limited).as("refused within the burst and what refilled meanwhile").isNotNull();
      assertThat(ok).isBetween(8, 19);
      assertThat(limited.code()).isEqualTo("RATE_LIMITED");
      assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 2L);

      assertThat(api.get("/api/v1/orgs/second", second.key()).status())
          .as("another key has its own tokens")
          .isEqualTo(200);
      assertThat(api.get("/api/v1/orgs/first", null).status())
          .as("no key: refused by the gate, before the limit")
          .isEqualTo(401);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> api.get("/api/v1/orgs/first", first.key()).status() == 200);
    }
  }
}
