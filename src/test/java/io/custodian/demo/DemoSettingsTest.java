package io.custodian.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo's settings keep it apart from a real installation unless told otherwise. */
class DemoSettingsTest {

  @Test
  void defaultsToItsOwnDataDirectoryTheEmbeddedDatabaseAndLoopback() {
    DemoSettings settings = DemoSettings.of();

    Path dataDir = Path.of("data-demo").toAbsolutePath();
    assertThat(settings.dataDir()).isEqualTo(dataDir);
    assertThat(settings.serviceArgs())
        .contains(
            "--custodian.data-dir=" + dataDir,
            "--custodian.vault.blob-directory=" + dataDir.resolve("blobs"),
            "--custodian.database.embedded.directory=" + dataDir.resolve("postgres"),
            "--spring.datasource.url=",
            "--server.address=127.0.0.1",
            "--management.server.address=127.0.0.1")
        .anyMatch(a -> a.matches("--server\\.port=(8080|0)"));
  }

  @Test
  void settingsGivenWinAndAreNeverRepeated() {
    DemoSettings settings =
        DemoSettings.of(
            "--custodian.data-dir=/tmp/somewhere/../demo",
            "--server.port=0",
            "--logging.level.root=INFO");

    assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/demo"));
    assertThat(settings.serviceArgs())
        .contains("--custodian.data-dir=/tmp/demo", "--server.port=0", "--logging.level.root=INFO")
        .filteredOn(a -> a.startsWith("--server.port=") || a.startsWith("--logging.level.root="))
        .hasSize(2);
    assertThat(settings.serviceArgs(DemoSettings.ADMIN_KEY, "cus_x"))
        .endsWith("--" + DemoSettings.ADMIN_KEY + "=cus_x");
  }

  @Test
  void refusesWhatIsNotASetting() {
    assertThatThrownBy(() -> DemoSettings.of("--verbose"))
        .isInstanceOf(DemoException.class)
        .hasMessageContaining("--verbose");
    assertThatThrownBy(() -> DemoSettings.of("serve")).isInstanceOf(DemoException.class);
  }
}
