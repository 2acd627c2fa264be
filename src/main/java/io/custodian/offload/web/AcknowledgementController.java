package io.custodian.offload.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.custodian.compliance.RecordKind;
import io.custodian.identity.Caller;
import io.custodian.offload.Acknowledgements;
import io.custodian.offload.ApiDestination;
import io.custodian.offload.ApiDestinationRequest;
import io.custodian.offload.ApiDestinations;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API destination: organisation keys acknowledge the records they archived, one or many at a
 * time; admin keys set whether acknowledged records may be purged.
 */
@RestController
class AcknowledgementController {

  private final Acknowledgements acknowledgements;
  private final ApiDestinations destinations;

  AcknowledgementController(Acknowledgements acknowledgements, ApiDestinations destinations) {
    this.acknowledgements = acknowledgements;
    this.destinations = destinations;
  }

  /** A list of record ids to acknowledge. */
  record Ids(@JsonProperty("ids") @Nullable List<String> ids) {}

  /** What one request acknowledged. */
  record Answer(List<Acknowledgements.Acknowledged> acknowledged) {}

  @PostMapping("/api/v1/orgs/{org}/recordings/{id}/acknowledgement")
  Acknowledgements.Acknowledged recording(
      @PathVariable String org, @PathVariable UUID id, HttpServletRequest request) {
    return one(org, RecordKind.RECORDING, id, request);
  }

  @PostMapping("/api/v1/orgs/{org}/messages/{id}/acknowledgement")
  Acknowledgements.Acknowledged message(
      @PathVariable String org, @PathVariable UUID id, HttpServletRequest request) {
    return one(org, RecordKind.MESSAGE, id, request);
  }

  @PostMapping("/api/v1/orgs/{org}/recordings/acknowledgements")
  Answer recordings(@PathVariable String org, @RequestBody Ids body, HttpServletRequest request) {
    return many(org, RecordKind.RECORDING, body, request);
  }

  @PostMapping("/api/v1/orgs/{org}/messages/acknowledgements")
  Answer messages(@PathVariable String org, @RequestBody Ids body, HttpServletRequest request) {
    return many(org, RecordKind.MESSAGE, body, request);
  }

  @PutMapping("/api/v1/admin/orgs/{org}/offload/api")
  ApiDestination save(
      @PathVariable String org,
      @RequestBody ApiDestinationRequest body,
      HttpServletRequest request) {
    return destinations.save(org, body, Caller.of(request).actor());
  }

  @GetMapping("/api/v1/admin/orgs/{org}/offload/api")
  ApiDestination show(@PathVariable String org) {
    return destinations.find(org).orElseThrow(() -> CustodianException.notFound("Destination"));
  }

  private Acknowledgements.Acknowledged one(
      String org, RecordKind kind, UUID id, HttpServletRequest request) {
    return acknowledgements.acknowledge(org, kind, List.of(id), Caller.of(request).actor()).get(0);
  }

  private Answer many(String org, RecordKind kind, Ids body, HttpServletRequest request) {
    if (body.ids() == null) {
      throw new CustodianException(ErrorCode.INVALID_REQUEST, "ids is missing");
    }
    List<UUID> ids = new ArrayList<>();
    for (String id : body.ids()) {
      try {
        ids.add(UUID.fromString(id == null ? "" : id));
      } catch (IllegalArgumentException e) {
        throw new CustodianException(ErrorCode.INVALID_REQUEST, "ids must be record ids");
      }
    }
    return new Answer(acknowledgements.acknowledge(org, kind, ids, Caller.of(request).actor()));
  }
}
