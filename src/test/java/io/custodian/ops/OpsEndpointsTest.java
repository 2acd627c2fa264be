package io.custodian.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Tenants.Org;
import org.junit.jupiter.api.Test;

/** The management port: health, info, metrics and Prometheus, and nothing else of actuator. */
class OpsEndpointsTest extends AppTest {

  @Test
  void intakeAndRejectionsShowInPrometheus() {
    Org org = tenants.create();
    api.postCall(org.id(), org.key(), Calls.metadata("metric"), Calls.ulaw());
    api.postCall(org.id(), org.key(), Calls.metadata("broken"), new byte[] {'R', 'I', 'F', 'F'});

    String prometheus = management().get("/actuator/prometheus", null).text();

    assertThat(prometheus)
        .contains("custodian_intake_accepted_total{kind=\"call\"}")
        .contains("custodian_intake_bytes_total{kind=\"call\"}")
        .contains("custodian_intake_duration_seconds_count{kind=\"call\"}")
        .contains("custodian_requests_rejected_total{code=\"INVALID_WAV\"}")
        .contains("custodian_vault_integrity_failures_total");
  }

  @Test
  void healthAndInfoAreUp() {
    Api.Response health = management().get("/actuator/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asString()).isEqualTo("UP");
    assertThat(management().get("/actuator/info", null).status()).isEqualTo(200);
  }

  @Test
  void nothingElseOfActuatorIsExposed() {
    for (String endpoint :
        new String[] {
          "env",
          "heapdump",
          "threaddump",
          "beans",
          "configprops",
          "loggers",
          "mappings",
          "shutdown",
          "sbom"
        }) {
      assertThat(management().get("/actuator/" + endpoint, null).status())
          .as(endpoint)
          .isEqualTo(404);
    }
    assertThat(api.get("/actuator/health", null).status()).as("not on the API port").isEqualTo(404);
  }

  private Api management() {
    return new Api(managementPort);
  }
}
