package io.custodian.offload.web;

import io.custodian.identity.Caller;
import io.custodian.offload.MailDestination;
import io.custodian.offload.MailDestinationRequest;
import io.custodian.offload.MailDestinations;
import io.custodian.offload.MailItems;
import io.custodian.offload.MailRetries;
import io.custodian.web.CustodianException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/orgs/{org}/offload/mail}: the mail destination and its dead letters. Its
 * batches and runs are under the same paths as the SFTP streams'. Admin keys only (enforced by the
 * identity gate); the password is never returned.
 */
@RestController
@RequestMapping("/api/v1/admin/orgs/{org}/offload/mail")
class MailOffloadController {

  private final MailDestinations destinations;
  private final MailItems items;
  private final MailRetries retries;

  MailOffloadController(MailDestinations destinations, MailItems items, MailRetries retries) {
    this.destinations = destinations;
    this.items = items;
    this.retries = retries;
  }

  @PutMapping
  MailDestination save(
      @PathVariable String org,
      @RequestBody MailDestinationRequest body,
      HttpServletRequest request) {
    return destinations.save(org, body, Caller.of(request).actor());
  }

  @GetMapping
  MailDestination show(@PathVariable String org) {
    return destinations.find(org).orElseThrow(() -> CustodianException.notFound("Destination"));
  }

  @GetMapping("/dead-letters")
  List<MailItems.DeadLetter> deadLetters(
      @PathVariable String org, @RequestParam(defaultValue = "100") int limit) {
    show(org);
    return items.deadLetters(org, Math.max(1, Math.min(limit, 1000)));
  }

  @PostMapping("/dead-letters/{recordId}/retry")
  MailRetries.Retry retry(
      @PathVariable String org, @PathVariable UUID recordId, HttpServletRequest request) {
    return retries.retry(org, recordId, Caller.of(request).actor());
  }
}
