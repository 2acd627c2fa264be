package io.custodian.tenancy;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Creates and finds organisations, and hands out each one's intake sequence numbers. */
@Service
public class Organisations {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final JdbcClient jdbc;
  private final AuditTrail audit;
  private final Clock clock;

  Organisations(JdbcClient jdbc, AuditTrail audit, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  /** Creates a main organisation. */
  @Transactional
  public Organisation create(@Nullable String id, @Nullable String name, String actor) {
    id = requireSlug(id);
    name = requireName(name);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      jdbc.sql("insert into organisations (id, name, created_at) values (:id, :name, :at)")
          .param("id", id)
          .param("name", name)
          .param("at", Timestamp.from(now))
          .update();
    } catch (DuplicateKeyException e) {
      throw new CustodianException(ErrorCode.ALREADY_EXISTS, "Organisation " + id + " exists");
    }
    audit.record(new AuditEvent(actor, "org.create", id, id, Outcome.SUCCESS, "name=" + name));
    return find(id).orElseThrow();
  }

  /** Creates a sub-organisation under a main organisation. */
  @Transactional
  public Organisation.SubOrganisation createSub(
      String orgId, @Nullable String id, @Nullable String name, String actor) {
    id = requireSlug(id);
    name = requireName(name);
    if (find(orgId).isEmpty()) {
      throw CustodianException.notFound("Organisation " + orgId);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      jdbc.sql(
              """
              insert into sub_organisations (org_id, id, name, created_at)
              values (:org, :id, :name, :at)
              """)
          .param("org", orgId)
          .param("id", id)
          .param("name", name)
          .param("at", Timestamp.from(now))
          .update();
    } catch (DuplicateKeyException e) {
      throw new CustodianException(ErrorCode.ALREADY_EXISTS, "Sub-organisation " + id + " exists");
    }
    audit.record(
        new AuditEvent(actor, "suborg.create", orgId, id, Outcome.SUCCESS, "name=" + name));
    return new Organisation.SubOrganisation(id, name, now);
  }

  /** Every main organisation, by id. */
  public List<Organisation> list() {
    return jdbc.sql("select id from organisations order by id").query(String.class).list().stream()
        .map(id -> find(id).orElseThrow())
        .toList();
  }

  /** One organisation with its sub-organisations. */
  public Optional<Organisation> find(String id) {
    List<Organisation.SubOrganisation> subs =
        jdbc.sql(
                "select id, name, created_at from sub_organisations where org_id = :org order by id")
            .param("org", id)
            .query(
                (rs, n) ->
                    new Organisation.SubOrganisation(
                        rs.getString("id"),
                        rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant()))
            .list();
    return jdbc.sql("select id, name, created_at from organisations where id = :id")
        .param("id", id)
        .query(
            (rs, n) ->
                new Organisation(
                    rs.getString("id"),
                    rs.getString("name"),
                    rs.getTimestamp("created_at").toInstant(),
                    subs))
        .optional();
  }

  /** Whether a sub-organisation exists under the organisation. */
  public boolean hasSubOrg(String orgId, String subOrgId) {
    return jdbc.sql("select count(*) from sub_organisations where org_id = :org and id = :id")
            .param("org", orgId)
            .param("id", subOrgId)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * The next intake sequence number of the organisation, inside the caller's transaction. The row
   * lock it takes is held to commit, so numbers become visible in order, without gaps.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public long nextIntakeSeq(String orgId) {
    return jdbc.sql(
            "update organisations set intake_seq = intake_seq + 1 where id = :id returning intake_seq")
        .param("id", orgId)
        .query(Long.class)
        .optional()
        .orElseThrow(() -> CustodianException.notFound("Organisation " + orgId));
  }

  /**
   * The last intake sequence number handed out and committed: every record numbered up to it is
   * visible, since numbers are taken under a row lock held until commit.
   */
  public long committedIntakeSeq(String orgId) {
    return jdbc.sql("select intake_seq from organisations where id = :id")
        .param("id", orgId)
        .query(Long.class)
        .optional()
        .orElseThrow(() -> CustodianException.notFound("Organisation " + orgId));
  }

  private static String requireSlug(@Nullable String id) {
    if (id == null || !SLUG.matcher(id).matches()) {
      throw new CustodianException(
          ErrorCode.INVALID_REQUEST,
          "An id is 1 to 63 lower-case letters, digits or hyphens, starting with a letter or digit");
    }
    return id;
  }

  private static String requireName(@Nullable String name) {
    if (name == null
        || name.isBlank()
        || name.length() > 200
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new CustodianException(
          ErrorCode.INVALID_REQUEST, "A name is 1 to 200 characters without control characters");
    }
    return name;
  }
}
