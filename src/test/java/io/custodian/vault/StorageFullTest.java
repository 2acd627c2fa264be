package io.custodian.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.StandaloneApp;
import io.custodian.support.Tenants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** With less free space than the reserve, intake refuses with 507 before acknowledging. */
class StorageFullTest {

  @TempDir Path dataDir;

  @Test
  void intakeIsRefusedWith507AndNothingIsStored() throws Exception {
    String admin = AppTest.newKey();
    try (ConfigurableApplicationContext app =
        StandaloneApp.start(
            dataDir,
            "--custodian.vault.min-free-space=1000000TB",
            "--custodian.identity.bootstrap-admin-key=" + admin)) {
      Api api = StandaloneApp.api(app);
      String key = new Tenants(api, admin).create("full").key();

      Api.Response answer = api.postCall("full", key, Calls.metadata("x"), Calls.ulaw());

      assertThat(answer.status()).isEqualTo(507);
      assertThat(answer.code()).isEqualTo("INSUFFICIENT_STORAGE");
      try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
        assertThat(files.filter(Files::isRegularFile)).isEmpty();
      }
    }
  }
}
