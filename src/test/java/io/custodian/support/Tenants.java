package io.custodian.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

/** Creates organisations and their keys through the admin API, each with a fresh id. */
public final class Tenants {

  private final Api api;
  private final String adminKey;

  public Tenants(Api api, String adminKey) {
    this.api = api;
    this.adminKey = adminKey;
  }

  /** An organisation with a sub-organisation {@code desk} and a key of its own. */
  public Org create() {
    return create("org-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /** An organisation with the given id, a sub-organisation {@code desk} and a key of its own. */
  public Org create(String id) {
    Api.Response org =
        api.postJson("/api/v1/admin/orgs", adminKey, Map.of("id", id, "name", "Org " + id));
    assertThat(org.status()).as(org.toString()).isEqualTo(201);
    Api.Response sub =
        api.postJson(
            "/api/v1/admin/orgs/" + id + "/sub-orgs",
            adminKey,
            Map.of("id", "desk", "name", "Desk"));
    assertThat(sub.status()).as(sub.toString()).isEqualTo(201);
    Api.Response key =
        api.postJson("/api/v1/admin/orgs/" + id + "/keys", adminKey, Map.of("label", "test"));
    assertThat(key.status()).as(key.toString()).isEqualTo(201);
    return new Org(
        id, key.json().path("secret").asString(), key.json().path("key").path("id").asString());
  }

  /** Adds a sub-organisation to an organisation. */
  public void createSub(Org org, String subOrg) {
    Api.Response sub =
        api.postJson(
            "/api/v1/admin/orgs/" + org.id() + "/sub-orgs",
            adminKey,
            Map.of("id", subOrg, "name", "Sub " + subOrg));
    assertThat(sub.status()).as(sub.toString()).isEqualTo(201);
  }

  /** A key of the organisation limited to one of its sub-organisations. */
  public Org subOrgKey(Org org, String subOrg) {
    Api.Response key =
        api.postJson(
            "/api/v1/admin/orgs/" + org.id() + "/keys",
            adminKey,
            Map.of("label", "sub " + subOrg, "subOrg", subOrg));
    assertThat(key.status()).as(key.toString()).isEqualTo(201);
    return new Org(
        org.id(),
        key.json().path("secret").asString(),
        key.json().path("key").path("id").asString());
  }

  /** An organisation and its key. */
  public record Org(String id, String key, String keyId) {}
}
