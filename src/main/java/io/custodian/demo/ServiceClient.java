package io.custodian.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's HTTP API as the demo calls it, the way any client would: JSON and multipart over
 * {@code java.net.http}, a bearer key on each request.
 */
final class ServiceClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  /** An offload run answers when its batches are delivered: a few minutes for large ones. */
  static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;

  ServiceClient(URI base) {
    this.base = base;
  }

  /** An answer: its status and body. */
  record Answer(String what, int status, String body) {

    JsonNode json() {
      return JSON.readTree(body);
    }

    /** The stable error code of a problem answer, or empty. */
    String code() {
      try {
        return json().path("code").asString("");
      } catch (RuntimeException notJson) {
        return "";
      }
    }

    /** The JSON body, if the status is one of {@code expected}; else the demo stops, saying why. */
    JsonNode expect(int... expected) {
      if (Arrays.stream(expected).noneMatch(s -> s == status)) {
        throw new DemoException(what + ": the service answered " + status + " " + body);
      }
      return json();
    }
  }

  Answer get(String what, String path, String key) {
    return send(what, request(path, key, TIMEOUT).GET());
  }

  Answer post(String what, String path, String key, Object json) {
    return send(what, withJson(request(path, key, TIMEOUT), "POST", json));
  }

  Answer put(String what, String path, String key, Object json) {
    return send(what, withJson(request(path, key, TIMEOUT), "PUT", json));
  }

  /** A call: its metadata and its WAV file as {@code multipart/form-data}. */
  Answer postCall(String what, String org, String key, Object metadata, byte[] wav) {
    String boundary = "custodian-demo-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(body, boundary, "metadata", "application/json", JSON.writeValueAsBytes(metadata));
    part(body, boundary, "audio", "audio/wav", wav);
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return send(
        what,
        request("/api/v1/orgs/" + org + "/calls", key, TIMEOUT)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** A {@code POST} without a body, answered later; for requests that run while others do. */
  CompletableFuture<Answer> postLater(String what, String path, String key, Duration timeout) {
    HttpRequest request =
        request(path, key, timeout).POST(HttpRequest.BodyPublishers.noBody()).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .thenApply(response -> new Answer(what, response.statusCode(), response.body()));
  }

  /** The answer of {@link #postLater}, once it is there. */
  static Answer await(String what, CompletableFuture<Answer> answer) {
    try {
      return answer.join();
    } catch (CompletionException e) {
      throw new DemoException(what + ": " + e.getCause(), e.getCause());
    }
  }

  private Answer send(String what, HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(what, response.statusCode(), response.body());
    } catch (IOException e) {
      throw new DemoException(what + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException(what + ": interrupted", e);
    }
  }

  private HttpRequest.Builder request(String path, String key, Duration timeout) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + key);
  }

  private static HttpRequest.Builder withJson(
      HttpRequest.Builder request, String method, Object json) {
    return request
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(json)));
  }

  private static void part(
      ByteArrayOutputStream body, String boundary, String name, String type, byte[] content) {
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + name
            + "\"; filename=\""
            + name
            + "\"\r\nContent-Type: "
            + type
            + "\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(content);
    body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
  }
}
