package io.custodian.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.StandaloneApp;
import io.custodian.support.Tenants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With the standard {@code spring.datasource.*} settings Custodian uses that PostgreSQL and starts
 * none of its own: migrations, intake and reads against Debian's PostgreSQL server.
 */
class ExternalPostgresTest {

  private static final String HOW_TO_START =
      "This test needs a PostgreSQL server. As root, run: eval \"$(bash .ci/postgres)\" "
          + "(it starts Debian's PostgreSQL on loopback and exports CUSTODIAN_TEST_POSTGRES_URL, "
          + "_USER and _PASSWORD), then run the tests from that shell.";

  @TempDir Path dataDir;
  private String url;
  private String user;
  private String password;

  @BeforeEach
  void emptySchema() throws SQLException {
    url = System.getenv("CUSTODIAN_TEST_POSTGRES_URL");
    user = System.getenv("CUSTODIAN_TEST_POSTGRES_USER");
    password = System.getenv("CUSTODIAN_TEST_POSTGRES_PASSWORD");
    if (url == null || user == null || password == null) {
      throw new IllegalStateException(HOW_TO_START);
    }
    try (Connection c = DriverManager.getConnection(url, user, password);
        var statement = c.createStatement()) {
      statement.execute("drop schema if exists public cascade");
      statement.execute("create schema public");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach " + url + ". " + HOW_TO_START, e);
    }
  }

  @Test
  void runsOnAnExternalPostgresAndStartsNoEmbeddedOne() throws Exception {
    String admin = AppTest.newKey();
    try (ConfigurableApplicationContext app =
        StandaloneApp.start(
            dataDir,
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + user,
            "--spring.datasource.password=" + password,
            "--custodian.identity.bootstrap-admin-key=" + admin)) {
      assertThat(app.getBeansOfType(EmbeddedDatabase.class)).isEmpty();
      assertThat(dataDir.resolve("postgres")).doesNotExist();

      Api api = StandaloneApp.api(app);
      String key = new Tenants(api, admin).create("ext").key();
      byte[] wav = Calls.ulaw();
      Api.Response created = api.postCall("ext", key, Calls.metadata("ext-1"), wav);
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      assertThat(api.get(created.header("Location") + "/content", key).body()).isEqualTo(wav);
      assertThat(
              api.get("/api/v1/admin/audit/verification", admin).json().path("intact").asBoolean())
          .isTrue();
    }
    try (Connection c = DriverManager.getConnection(url, user, password);
        var rows = c.createStatement().executeQuery("select count(*) from recordings")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(1);
    }
    assertThat(Files.exists(dataDir.resolve("keys/database-password"))).isFalse();
  }
}
