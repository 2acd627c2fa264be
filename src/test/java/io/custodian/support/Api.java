package io.custodian.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the service under test, on loopback. */
public final class Api {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The bound on any single request: a request that hangs fails the test. */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  public Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public Response get(String path, String key) {
    return send(request(path, key).GET().build());
  }

  public Response delete(String path, String key) {
    return send(request(path, key).DELETE().build());
  }

  public Response postJson(String path, String key, String json) {
    return send(
        request(path, key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build());
  }

  public Response postJson(String path, String key, Object body) {
    return postJson(path, key, JSON.writeValueAsString(body));
  }

  /** A call intake: a metadata JSON part and an audio WAV part. */
  public Response postCall(String org, String key, String metadata, byte[] wav) {
    return postCall(org, key, metadata, wav, false);
  }

  /**
   * A call intake; with {@code expectContinue} the body is sent only once the server agreed, as
   * well-behaved clients of large uploads do.
   */
  public Response postCall(
      String org, String key, String metadata, byte[] wav, boolean expectContinue) {
    String boundary = "custodian-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(body, boundary, "metadata", "application/json", metadata.getBytes(StandardCharsets.UTF_8));
    part(body, boundary, "audio", "audio/wav", wav);
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return send(
        request("/api/v1/orgs/" + org + "/calls", key)
            .expectContinue(expectContinue)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  public Response send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    return builder;
  }

  private static void part(
      ByteArrayOutputStream body, String boundary, String name, String type, byte[] content) {
    String head =
        "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\""
            + name
            + "\"; filename=\""
            + name
            + "\"\r\n"
            + "Content-Type: "
            + type
            + "\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(content);
    body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /** An answer: status, headers and body. */
  public record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {

    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The stable error code of a problem answer. */
    public String code() {
      return json().path("code").asString();
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }
}
