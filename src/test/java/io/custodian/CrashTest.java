package io.custodian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custodian.media.AudioEncoding;
import io.custodian.media.TestAudio;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Messages;
import io.custodian.support.ServiceProcess;
import io.custodian.support.Tenants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intake in a loop while the service process is killed with SIGKILL, several times. After restart
 * every acknowledged record reads back and verifies, the audit chain is intact, and no blob
 * survives that is not an object of the database.
 */
class CrashTest {

  private static final int ROUNDS = 3;
  private static final String ADMIN = AppTest.newKey();

  @TempDir static Path work;
  private static Path dataDir;

  @BeforeAll
  static void directories() throws Exception {
    dataDir = Files.createDirectories(work.resolve("data"));
  }

  @AfterAll
  static void noPostgresLeftBehind() throws Exception {
    ServiceProcess.stopOrphanedDatabase(dataDir);
  }

  @Test
  void acknowledgedIntakeSurvivesSigkill() throws Exception {
    Map<String, String> acknowledged = new ConcurrentHashMap<>(); // record path → SHA-256 hex
    String orgKey = null;
    for (int round = 1; round <= ROUNDS; round++) {
      ServiceProcess service =
          new ServiceProcess(
                  dataDir,
                  work.resolve("service.log"),
                  "--custodian.identity.bootstrap-admin-key=" + ADMIN)
              .start();
      Api api = service.api();
      if (orgKey == null) {
        orgKey = new Tenants(api, ADMIN).create("crash").key();
      }
      int target = acknowledged.size() + 12;
      AtomicBoolean stop = new AtomicBoolean();
      Thread client = intakeLoop(api, orgKey, round, acknowledged, stop);
      await().atMost(Duration.ofMinutes(2)).until(() -> acknowledged.size() >= target);
      service.kill();
      stop.set(true);
      client.join(Duration.ofSeconds(70).toMillis());
    }

    try (ServiceProcess service =
        new ServiceProcess(
                dataDir,
                work.resolve("service.log"),
                "--custodian.identity.bootstrap-admin-key=" + ADMIN)
            .start()) {
      Api api = service.api();
      for (Map.Entry<String, String> record : acknowledged.entrySet()) {
        Api.Response content = api.get(record.getKey() + "/content", orgKey);
        assertThat(content.status()).as(record.getKey()).isEqualTo(200);
        assertThat(sha256Hex(content.body())).isEqualTo(record.getValue());
      }
      assertThat(
              api.get("/api/v1/admin/audit/verification", ADMIN).json().path("intact").asBoolean())
          .isTrue();
      assertThat(blobNames("tmp")).as("temporary blobs after the sweep").isEmpty();
      assertThat(blobNames("objects"))
          .as("blobs on disk vs. objects in the database")
          .isEqualTo(objectIds(service.databasePort().orElseThrow()));
    }
  }

  private static Thread intakeLoop(
      Api api, String key, int round, Map<String, String> acknowledged, AtomicBoolean stop) {
    Thread thread =
        new Thread(
            () -> {
              for (int i = 0; !stop.get(); i++) {
                byte[] wav =
                    TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofMillis(500 + 10L * i));
                try {
                  Api.Response answer =
                      i % 3 == 2
                          ? api.postJson(
                              "/api/v1/orgs/crash/messages",
                              key,
                              Messages.sms("m-" + round + "-" + i, "message " + round + "-" + i))
                          : api.postCall("crash", key, Calls.metadata("c-" + round + "-" + i), wav);
                  if (answer.status() == 201) {
                    byte[] sent =
                        i % 3 == 2
                            ? ("message " + round + "-" + i)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                            : wav;
                    acknowledged.put(answer.header("Location"), sha256Hex(sent));
                  }
                } catch (RuntimeException e) {
                  return; // the service was killed under us: that request was not acknowledged
                }
              }
            },
            "intake-loop-" + round);
    thread.start();
    return thread;
  }

  private static Set<String> blobNames(String area) throws Exception {
    Path root = dataDir.resolve("blobs").resolve(area);
    try (Stream<Path> files = Files.walk(root)) {
      Set<String> names = new HashSet<>();
      files.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
      return names;
    }
  }

  private static Set<String> objectIds(int databasePort) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + databasePort + "/custodian",
                "postgres",
                Files.readString(dataDir.resolve("keys/database-password")).trim());
        ResultSet rs = c.createStatement().executeQuery("select id from vault_objects")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
