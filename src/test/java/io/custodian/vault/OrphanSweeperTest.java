package io.custodian.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Tenants.Org;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The sweeper deletes blobs nobody committed, and only those, once they are old enough. */
class OrphanSweeperTest extends AppTest {

  @Autowired OrphanSweeper sweeper;

  @Test
  void deletesUncommittedBlobsOlderThanTheCutoffAndKeepsTheRest() throws Exception {
    Org org = tenants.create();
    api.postCall(org.id(), org.key(), Calls.metadata("kept"), Calls.ulaw());
    Path objects = DATA_DIR.resolve("blobs/objects").resolve(org.id());
    String stray = UUID.randomUUID().toString();
    Path orphan = Files.createDirectories(objects.resolve(stray.substring(0, 2))).resolve(stray);
    Path temporary = DATA_DIR.resolve("blobs/tmp").resolve(UUID.randomUUID() + ".tmp");
    Path young = DATA_DIR.resolve("blobs/tmp").resolve(UUID.randomUUID() + ".tmp");
    for (Path file : new Path[] {orphan, temporary, young}) {
      Files.write(file, new byte[] {1, 2, 3});
    }
    Instant cutoff = Instant.now().minusSeconds(60);
    Files.setLastModifiedTime(orphan, FileTime.from(cutoff.minusSeconds(60)));
    Files.setLastModifiedTime(temporary, FileTime.from(cutoff.minusSeconds(60)));
    long committed = jdbc.sql("select count(*) from vault_objects").query(Long.class).single();

    int deleted = sweeper.sweep(cutoff);

    assertThat(deleted).isEqualTo(2);
    assertThat(orphan).doesNotExist();
    assertThat(temporary).doesNotExist();
    assertThat(young).exists();
    assertThat(jdbc.sql("select count(*) from vault_objects").query(Long.class).single())
        .isEqualTo(committed);
    assertThat(api.get("/api/v1/admin/audit/entries?limit=1000&after=0", ADMIN_KEY).text())
        .contains("vault.orphans.sweep");
    Files.delete(young);
  }
}
