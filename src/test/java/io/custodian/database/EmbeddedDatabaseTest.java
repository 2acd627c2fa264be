package io.custodian.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.support.AppTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL is durable, checksummed and closed to anyone without its password. */
class EmbeddedDatabaseTest extends AppTest {

  @Test
  void durabilityIsOnAndDataIsChecksummed() {
    for (String setting :
        List.of("fsync", "synchronous_commit", "full_page_writes", "data_checksums")) {
      assertThat(jdbc.sql("show " + setting).query(String.class).single())
          .as(setting)
          .isEqualTo("on");
    }
  }

  @Test
  void itLivesInsideTheDataDirectory() {
    assertThat(jdbc.sql("show data_directory").query(String.class).single())
        .isEqualTo(DATA_DIR.resolve("postgres").toAbsolutePath().toString());
  }

  @Test
  void connectionsWithoutThePasswordAreRefused() throws Exception {
    String url = "jdbc:postgresql://localhost:" + port() + "/custodian";
    assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", ""))
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres"))
        .isInstanceOf(SQLException.class);
    Path password = DATA_DIR.resolve("keys/database-password");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password)))
        .isEqualTo("rw-------");
    try (var connection =
        DriverManager.getConnection(url, "postgres", Files.readString(password).trim())) {
      assertThat(connection.isValid(5)).isTrue();
    }
  }

  private static int port() throws Exception {
    return Integer.parseInt(
        Files.readAllLines(DATA_DIR.resolve("postgres/postmaster.pid")).get(3).trim());
  }
}
