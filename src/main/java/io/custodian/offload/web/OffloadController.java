package io.custodian.offload.web;

import io.custodian.identity.Caller;
import io.custodian.offload.Batch;
import io.custodian.offload.Batches;
import io.custodian.offload.Destination;
import io.custodian.offload.DestinationRequest;
import io.custodian.offload.Destinations;
import io.custodian.offload.OffloadRuns;
import io.custodian.offload.OffloadStream;
import io.custodian.web.CustodianException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/orgs/{org}/offload/{voice|messages}}: the destination, its batches, and a
 * run now. Admin keys only (enforced by the identity gate); secrets are never returned.
 */
@RestController
@RequestMapping("/api/v1/admin/orgs/{org}/offload/{stream}")
class OffloadController {

  private final Destinations destinations;
  private final Batches batches;
  private final OffloadRuns runs;

  OffloadController(Destinations destinations, Batches batches, OffloadRuns runs) {
    this.destinations = destinations;
    this.batches = batches;
    this.runs = runs;
  }

  @PutMapping
  Destination save(
      @PathVariable String org,
      @PathVariable String stream,
      @RequestBody DestinationRequest body,
      HttpServletRequest request) {
    return destinations.save(org, stream(stream), body, Caller.of(request).actor());
  }

  @GetMapping
  Destination show(@PathVariable String org, @PathVariable String stream) {
    return destinations
        .find(org, stream(stream))
        .orElseThrow(() -> CustodianException.notFound("Destination"));
  }

  @GetMapping("/batches")
  List<Batch> batches(
      @PathVariable String org,
      @PathVariable String stream,
      @RequestParam(defaultValue = "50") int limit) {
    return batches.list(org, stream(stream), Math.max(1, Math.min(limit, 500)));
  }

  @GetMapping("/runs")
  List<Batches.Run> runs(
      @PathVariable String org,
      @PathVariable String stream,
      @RequestParam(defaultValue = "50") int limit) {
    return batches.runs(org, stream(stream), Math.max(1, Math.min(limit, 500)));
  }

  @PostMapping("/runs")
  List<OffloadRuns.Outcome> runNow(@PathVariable String org, @PathVariable String stream) {
    return runs.runNow(org, stream(stream));
  }

  private static OffloadStream stream(String id) {
    return OffloadStream.of(id).orElseThrow(() -> CustodianException.notFound("Stream " + id));
  }
}
