package io.custodian.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import io.custodian.support.AppTest;
import io.custodian.support.Tenants.Org;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * New objects are cut into 256 KiB segments; objects stored with Tink's 1 MiB segments, as earlier
 * builds stored them, still read and verify, since each wrapped keyset carries its own parameters.
 */
class SegmentSizeTest extends AppTest {

  private static final int CONTENT = 2_560_044;

  @Autowired Vault vault;
  @Autowired TransactionTemplate transactions;

  @Test
  void newObjectsHave256KiBSegments() throws Exception {
    assertThat(
            ((AesGcmHkdfStreamingParameters) DataKeys.PARAMETERS).getCiphertextSegmentSizeBytes())
        .isEqualTo(256 * 1024);
    Org org = tenants.create();
    byte[] content = content(1);

    StoredObject stored = store(org.id(), content, DataKeys.PARAMETERS);

    // a 40-byte header and a 16-byte tag for each of the 10 segments
    assertThat(Files.size(blob(stored))).isEqualTo(CONTENT + 40 + 10 * 16);
    assertThat(read(org.id(), stored)).isEqualTo(content);
  }

  @Test
  void objectsStoredWith1MiBSegmentsStillReadAndVerify() throws Exception {
    Org org = tenants.create();
    byte[] content = content(2);

    StoredObject stored =
        store(org.id(), content, PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);

    assertThat(Files.size(blob(stored))).isEqualTo(CONTENT + 40 + 3 * 16);
    assertThat(read(org.id(), stored)).isEqualTo(content);
  }

  private StoredObject store(
      String orgId, byte[] content, com.google.crypto.tink.Parameters parameters) throws Exception {
    StoredObject stored;
    try (PendingObject pending = vault.begin(orgId, parameters)) {
      pending.content().write(content);
      stored = pending.seal();
    }
    transactions.executeWithoutResult(status -> vault.register(stored, "test"));
    return stored;
  }

  private byte[] read(String orgId, StoredObject stored) throws Exception {
    try (InputStream in = vault.open(vault.describe(orgId, stored.id()), "test")) {
      return in.readAllBytes();
    }
  }

  private Path blob(StoredObject stored) throws Exception {
    try (var files = Files.walk(DATA_DIR)) {
      return files
          .filter(file -> file.getFileName().toString().equals(stored.id().toString()))
          .findFirst()
          .orElseThrow();
    }
  }

  private static byte[] content(long seed) {
    byte[] bytes = new byte[CONTENT];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
