package io.custodian.tenancy;

import java.time.Instant;
import java.util.List;

/**
 * A main organisation with its sub-organisations.
 *
 * @param id the stable slug used in every path, such as {@code acme}
 */
public record Organisation(
    String id, String name, Instant createdAt, List<SubOrganisation> subOrgs) {

  /** A sub-organisation, unique by id within its main organisation. */
  public record SubOrganisation(String id, String name, Instant createdAt) {}
}
