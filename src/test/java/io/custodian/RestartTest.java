package io.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Messages;
import io.custodian.support.StandaloneApp;
import io.custodian.support.Tenants;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** Records, keys and the audit trail survive a stop and a start on the same data directory. */
class RestartTest {

  @TempDir Path dataDir;

  @Test
  void everythingSurvivesARestart() throws Exception {
    String admin = AppTest.newKey();
    String orgKey;
    String recording;
    String message;
    long auditEntries;
    byte[] wav = Calls.ulaw();
    byte[] keyset;

    try (ConfigurableApplicationContext first =
        start("--custodian.identity.bootstrap-admin-key=" + admin)) {
      Api api = api(first);
      orgKey = new Tenants(api, admin).create("keep").key();
      recording = api.postCall("keep", orgKey, Calls.metadata("r"), wav).header("Location");
      message =
          api.postJson("/api/v1/orgs/keep/messages", orgKey, Messages.sms("m", "kept"))
              .header("Location");
      auditEntries =
          api.get("/api/v1/admin/audit/verification", admin)
              .json()
              .path("verifiedEntries")
              .asLong();
      keyset = Files.readAllBytes(dataDir.resolve("keys/kek.json"));
    }

    try (ConfigurableApplicationContext second = start()) {
      Api api = api(second);
      assertThat(api.get(recording + "/content", orgKey).body()).isEqualTo(wav);
      assertThat(api.get(message + "/content", orgKey).text()).isEqualTo("kept");
      assertThat(api.get("/api/v1/admin/orgs", admin).status()).isEqualTo(200);
      var verification = api.get("/api/v1/admin/audit/verification", admin).json();
      assertThat(verification.path("intact").asBoolean()).isTrue();
      assertThat(verification.path("verifiedEntries").asLong()).isGreaterThan(auditEntries);
      assertThat(Files.readAllBytes(dataDir.resolve("keys/kek.json"))).isEqualTo(keyset);
      assertThat(api.postCall("keep", orgKey, Calls.metadata("r"), wav).status())
          .as("a replay after restart is still recognised")
          .isEqualTo(200);
    }
  }

  private ConfigurableApplicationContext start(String... settings) {
    return StandaloneApp.start(dataDir, settings);
  }

  private static Api api(ConfigurableApplicationContext app) {
    return StandaloneApp.api(app);
  }
}
