package io.custodian.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Tenants.Org;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Reads audited together beforehand: one entry per object, and none goes unaudited. */
class ReadGrantTest extends AppTest {

  @Autowired Vault vault;

  @Test
  void grantedReadsAreAuditedOnceBeforehandAndOthersOnTheirOwn() throws Exception {
    Org org = tenants.create();
    List<UUID> objects = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Api.Response created =
          api.postCall(org.id(), org.key(), Calls.metadata("g-" + i), Calls.ulaw());
      assertThat(created.status()).isEqualTo(201);
      objects.add(
          jdbc.sql("select object_id from recordings where org_id = :org and source_id = :s")
              .param("org", org.id())
              .param("s", "g-" + i)
              .query(UUID.class)
              .single());
    }
    long before = unwraps(org.id());

    ReadGrant grant =
        vault.auditReads(org.id(), List.of(objects.get(0), objects.get(1), UUID.randomUUID()), "t");

    assertThat(grant.size()).as("an unknown object is left out").isEqualTo(2);
    assertThat(unwraps(org.id())).isEqualTo(before + 2);
    byte[] first = read(grant, org.id(), objects.get(0));
    read(grant, org.id(), objects.get(1));
    assertThat(unwraps(org.id())).as("granted reads add nothing").isEqualTo(before + 2);
    read(grant, org.id(), objects.get(2));
    assertThat(unwraps(org.id())).as("a read outside the grant is audited").isEqualTo(before + 3);
    assertThat(first).isEqualTo(Calls.ulaw());

    ReadGrant foreign = vault.auditReads("another-org", objects, "t");
    assertThat(foreign.size()).as("another organisation's objects are not granted").isZero();
  }

  private byte[] read(ReadGrant grant, String orgId, UUID id) throws Exception {
    try (InputStream in = grant.open(vault.describe(orgId, id))) {
      return in.readAllBytes();
    }
  }

  private long unwraps(String orgId) {
    return auditCount("vault.key.unwrap", orgId, "SUCCESS");
  }
}
