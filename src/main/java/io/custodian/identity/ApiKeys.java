package io.custodian.identity;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import io.custodian.web.Problems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, authenticates and revokes API keys. Only the SHA-256 of a key is stored (keys carry 256
 * random bits, so a plain hash is enough); the key itself is shown once, when issued.
 */
@Service
public class ApiKeys {

  static final String PREFIX = "cus_";

  private final JdbcClient jdbc;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  ApiKeys(JdbcClient jdbc, AuditTrail audit, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  /** Issues a key for an organisation, or an admin key when {@code orgId} is null. */
  @Transactional
  public IssuedKey issue(@Nullable String orgId, String label, String actor) {
    return issue(orgId, null, label, actor);
  }

  /**
   * Issues a key for an organisation, limited to one of its sub-organisations when {@code subOrg}
   * is given, or an admin key when {@code orgId} is null.
   */
  @Transactional
  public IssuedKey issue(
      @Nullable String orgId, @Nullable String subOrg, String label, String actor) {
    if (label.length() > 200 || label.chars().anyMatch(Character::isISOControl)) {
      throw new CustodianException(
          ErrorCode.INVALID_REQUEST,
          "A label is at most 200 characters without control characters");
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    if (subOrg != null) {
      requireSubOrg(orgId, subOrg);
    }
    return store(key, orgId, subOrg, label, actor);
  }

  private void requireSubOrg(@Nullable String orgId, String subOrg) {
    requireOrganisation(orgId);
    if (jdbc.sql("select count(*) from sub_organisations where org_id = :org and id = :id")
            .param("org", orgId)
            .param("id", subOrg)
            .query(Long.class)
            .single()
        == 0) {
      throw new CustodianException(
          ErrorCode.INVALID_REQUEST,
          "subOrg '" + Problems.printable(subOrg, 64) + "' is not a sub-organisation of " + orgId);
    }
  }

  /** Stores a key given from outside (the bootstrap admin key). */
  @Transactional
  IssuedKey store(String key, @Nullable String orgId, String label, String actor) {
    return store(key, orgId, null, label, actor);
  }

  private IssuedKey store(
      String key, @Nullable String orgId, @Nullable String subOrg, String label, String actor) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      jdbc.sql(
              """
              insert into api_keys
                (id, key_hash, key_prefix, org_id, sub_org_id, admin, label, created_at)
              values (:id, :hash, :prefix, :org, :sub, :admin, :label, :at)
              """)
          .param("id", id)
          .param("hash", hash(key))
          .param("prefix", key.substring(0, Math.min(key.length(), 12)))
          .param("org", orgId)
          .param("sub", subOrg)
          .param("admin", orgId == null)
          .param("label", label)
          .param("at", Timestamp.from(now))
          .update();
    } catch (DataIntegrityViolationException e) {
      throw CustodianException.notFound("Organisation " + orgId);
    }
    audit.record(
        new AuditEvent(
            actor,
            "apikey.issue",
            orgId,
            id.toString(),
            Outcome.SUCCESS,
            (subOrg == null ? "" : "subOrg=" + subOrg + " ") + "label=" + label));
    return new IssuedKey(new KeyView(id, orgId, subOrg, label, now, null), key);
  }

  /** Revokes a key; it stops working at once. */
  @Transactional
  public void revoke(UUID id, String actor) {
    int changed =
        jdbc.sql("update api_keys set revoked_at = :at where id = :id and revoked_at is null")
            .param("at", Timestamp.from(clock.instant()))
            .param("id", id)
            .update();
    if (changed == 0) {
      throw CustodianException.notFound("Active API key " + id);
    }
    audit.record(new AuditEvent(actor, "apikey.revoke", null, id.toString(), Outcome.SUCCESS, ""));
  }

  /**
   * The keys of an organisation (admin keys when {@code orgId} is null), without secrets; an
   * unknown organisation is not found, as it is when a key is issued for it.
   */
  public List<KeyView> list(@Nullable String orgId) {
    if (orgId != null) {
      requireOrganisation(orgId);
    }
    return jdbc.sql(
            """
            select id, org_id, sub_org_id, label, created_at, revoked_at from api_keys
             where (cast(:org as text) is null and admin) or org_id = :org
             order by created_at, id
            """)
        .param("org", orgId)
        .query(
            (rs, n) ->
                new KeyView(
                    rs.getObject("id", UUID.class),
                    rs.getString("org_id"),
                    rs.getString("sub_org_id"),
                    rs.getString("label"),
                    rs.getTimestamp("created_at").toInstant(),
                    Optional.ofNullable(rs.getTimestamp("revoked_at"))
                        .map(Timestamp::toInstant)
                        .orElse(null)))
        .list();
  }

  private void requireOrganisation(@Nullable String orgId) {
    if (jdbc.sql("select count(*) from organisations where id = :org")
            .param("org", orgId)
            .query(Long.class)
            .single()
        == 0) {
      throw CustodianException.notFound("Organisation " + orgId);
    }
  }

  /** The caller a presented key stands for, if it is known and not revoked. */
  Optional<Caller> authenticate(String key) {
    if (!key.startsWith(PREFIX) || key.length() > 200) {
      return Optional.empty();
    }
    return jdbc.sql(
            """
            select id, org_id, sub_org_id from api_keys
             where key_hash = :hash and revoked_at is null
            """)
        .param("hash", hash(key))
        .query(
            (rs, n) ->
                new Caller(
                    rs.getObject("id", UUID.class),
                    rs.getString("org_id"),
                    rs.getString("sub_org_id")))
        .optional();
  }

  boolean hasActiveAdminKey() {
    return jdbc.sql("select count(*) from api_keys where admin and revoked_at is null")
            .query(Long.class)
            .single()
        > 0;
  }

  boolean exists(String key) {
    return jdbc.sql("select count(*) from api_keys where key_hash = :hash")
            .param("hash", hash(key))
            .query(Long.class)
            .single()
        > 0;
  }

  static void requireWellFormed(String key) {
    if (!key.startsWith(PREFIX) || key.length() < PREFIX.length() + 32) {
      throw new CustodianException(
          ErrorCode.INVALID_REQUEST, "An API key starts with cus_ and has 32 or more characters");
    }
  }

  private static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A key as listed: never its secret.
   *
   * @param subOrg the sub-organisation the key is limited to, or null
   */
  public record KeyView(
      UUID id,
      @Nullable String orgId,
      @Nullable String subOrg,
      String label,
      Instant createdAt,
      @Nullable Instant revokedAt) {}

  /** A newly issued key: the only time its secret is shown. */
  public record IssuedKey(KeyView key, String secret) {}
}
