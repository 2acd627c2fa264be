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
    long auditBefore =
        jdbc.sql("select coalesce(max(seq), 0) from audit_log").query(Long.class).single();

    int deleted = sweeper.sweep(cutoff);

    assertThat(deleted).isEqualTo(2);
    assertThat(orphan).doesNotExist();
    assertThat(temporary).doesNotExist();
    assertThat(young).exists();
    assertThat(jdbc.sql("select count(*) from vault_objects").query(Long.class).single())
        .isEqualTo(committed);
    assertThat(
            api.get("/api/v1/admin/audit/entries?limit=1000&after=" + auditBefore, ADMIN_KEY)
                .text())
        .contains("vault.orphans.sweep");
    Files.delete(young);
  }

  @Test
  void theBlobOfAShreddedObjectLeftBehindByACrashIsSwept() throws Exception {
    Org org = tenants.create();
    api.postCall(org.id(), org.key(), Calls.metadata("shredded"), Calls.ulaw());
    api.postCall(org.id(), org.key(), Calls.metadata("live"), Calls.ulaw());
    UUID shredded = objectOf(org.id(), "shredded");
    UUID live = objectOf(org.id(), "live");
    // the key was destroyed and committed, and the process died before the blob was deleted
    jdbc.sql("update vault_objects set wrapped_key = null, shredded_at = now() where id = :id")
        .param("id", shredded)
        .update();
    Path objects = DATA_DIR.resolve("blobs/objects").resolve(org.id());
    Path left = objects.resolve(shredded.toString().substring(0, 2)).resolve(shredded.toString());
    Path kept = objects.resolve(live.toString().substring(0, 2)).resolve(live.toString());
    assertThat(left).exists();

    sweeper.sweep(Instant.now().plusSeconds(1));

    assertThat(left).doesNotExist();
    assertThat(kept).exists();
  }

  private UUID objectOf(String orgId, String sourceId) {
    return jdbc.sql("select object_id from recordings where org_id = :org and source_id = :s")
        .param("org", orgId)
        .param("s", sourceId)
        .query(UUID.class)
        .single();
  }
}
