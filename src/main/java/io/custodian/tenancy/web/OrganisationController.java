package io.custodian.tenancy.web;

import io.custodian.identity.Caller;
import io.custodian.tenancy.Organisation;
import io.custodian.tenancy.Organisations;
import io.custodian.web.CustodianException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins create and list organisations under {@code /api/v1/admin/orgs}; an organisation's own key
 * reads its organisation under {@code /api/v1/orgs/{org}}.
 */
@RestController
class OrganisationController {

  private final Organisations organisations;

  OrganisationController(Organisations organisations) {
    this.organisations = organisations;
  }

  @PostMapping("/api/v1/admin/orgs")
  @ResponseStatus(HttpStatus.CREATED)
  Organisation create(@RequestBody NewOrganisation body, HttpServletRequest request) {
    return organisations.create(body.id(), body.name(), Caller.of(request).actor());
  }

  @GetMapping("/api/v1/admin/orgs")
  List<Organisation> list() {
    return organisations.list();
  }

  @GetMapping({"/api/v1/admin/orgs/{org}", "/api/v1/orgs/{org}"})
  Organisation show(@PathVariable String org) {
    return organisations.find(org).orElseThrow(() -> CustodianException.notFound("Organisation"));
  }

  @PostMapping("/api/v1/admin/orgs/{org}/sub-orgs")
  @ResponseStatus(HttpStatus.CREATED)
  Organisation.SubOrganisation createSub(
      @PathVariable String org, @RequestBody NewOrganisation body, HttpServletRequest request) {
    return organisations.createSub(org, body.id(), body.name(), Caller.of(request).actor());
  }

  record NewOrganisation(@Nullable String id, @Nullable String name) {}
}
