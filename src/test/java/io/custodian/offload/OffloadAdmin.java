package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.offload.sftp.SftpEndpoint;
import io.custodian.support.Api;
import java.net.http.HttpRequest;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One organisation's offload driven through the admin API, as an administrator would. */
final class OffloadAdmin {

  private final Api api;
  private final String orgId;
  private final String adminKey;

  OffloadAdmin(Api api, String orgId, String adminKey) {
    this.api = api;
    this.orgId = orgId;
    this.adminKey = adminKey;
  }

  /**
   * A destination body for an SFTP endpoint of a test server, delivering into {@code directory}.
   */
  static Map<String, Object> sftp(SftpEndpoint endpoint, String directory) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("host", endpoint.host());
    body.put("port", endpoint.port());
    body.put("user", endpoint.user());
    body.put("hostKey", endpoint.hostKey());
    body.put("password", endpoint.password());
    body.put("directory", directory);
    return body;
  }

  /** Sets a stream's destination; fails the test unless it is accepted. */
  Api.Response configure(String stream, Map<String, Object> body) {
    Api.Response saved =
        api.send(
            api.request(path(stream), adminKey)
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        JsonMapper.builder().build().writeValueAsString(body)))
                .build());
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    return saved;
  }

  /** Cuts and delivers now; the outcome of each batch. */
  JsonNode run(String stream) {
    Api.Response answer = api.postJson(path(stream) + "/runs", adminKey, "{}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  JsonNode batches(String stream) {
    return api.get(path(stream) + "/batches", adminKey).json();
  }

  String path(String stream) {
    return "/api/v1/admin/orgs/" + orgId + "/offload/" + stream;
  }
}
