package io.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
      api.postJson("/api/v1/admin/orgs", admin, Map.of("id", "keep", "name", "Keep"));
      orgKey =
          api.postJson("/api/v1/admin/orgs/keep/keys", admin, Map.of())
              .json()
              .path("secret")
              .asString();
      recording = api.postCall("keep", orgKey, Calls.metadata("r"), wav).header("Location");
      message =
          api.postJson(
                  "/api/v1/orgs/keep/messages",
                  orgKey,
                  Map.of(
                      "sourceId",
                      "m",
                      "channel",
                      "sms",
                      "direction",
                      "inbound",
                      "from",
                      "+15550001",
                      "to",
                      List.of("+15550002"),
                      "sentAt",
                      "2026-11-21T09:00:00Z",
                      "body",
                      "kept"))
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

  private ConfigurableApplicationContext start(String... extra) {
    String[] args =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(
                    "--custodian.data-dir=" + dataDir,
                    "--server.port=0",
                    "--management.server.port=0"),
                java.util.Arrays.stream(extra))
            .toArray(String[]::new);
    return new SpringApplicationBuilder(CustodianApplication.class).run(args);
  }

  private static Api api(ConfigurableApplicationContext context) {
    return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }
}
