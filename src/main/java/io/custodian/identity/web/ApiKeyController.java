package io.custodian.identity.web;

import io.custodian.identity.ApiKeys;
import io.custodian.identity.Caller;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Issues, lists and revokes API keys; admin keys only (enforced by the identity gate). */
@RestController
@RequestMapping("/api/v1/admin")
class ApiKeyController {

  private final ApiKeys keys;

  ApiKeyController(ApiKeys keys) {
    this.keys = keys;
  }

  @PostMapping("/orgs/{org}/keys")
  @ResponseStatus(HttpStatus.CREATED)
  ApiKeys.IssuedKey issueForOrg(
      @PathVariable String org,
      @RequestBody(required = false) @Nullable NewKey body,
      HttpServletRequest request) {
    return keys.issue(
        org, body == null ? null : body.subOrg(), label(body), Caller.of(request).actor());
  }

  @GetMapping("/orgs/{org}/keys")
  List<ApiKeys.KeyView> listForOrg(@PathVariable String org) {
    return keys.list(org);
  }

  @PostMapping("/keys")
  @ResponseStatus(HttpStatus.CREATED)
  ApiKeys.IssuedKey issueAdmin(
      @RequestBody(required = false) @Nullable NewKey body, HttpServletRequest request) {
    if (body != null && body.subOrg() != null) {
      throw new CustodianException(
          ErrorCode.INVALID_REQUEST, "An admin key belongs to no sub-organisation");
    }
    return keys.issue(null, label(body), Caller.of(request).actor());
  }

  @GetMapping("/keys")
  List<ApiKeys.KeyView> listAdmin() {
    return keys.list(null);
  }

  @DeleteMapping("/keys/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable UUID id, HttpServletRequest request) {
    keys.revoke(id, Caller.of(request).actor());
  }

  private static String label(@Nullable NewKey body) {
    return body == null || body.label() == null ? "" : body.label();
  }

  /**
   * A key to issue.
   *
   * @param subOrg for an organisation's key: the sub-organisation it is limited to, if any
   */
  record NewKey(@Nullable String label, @Nullable String subOrg) {}
}
