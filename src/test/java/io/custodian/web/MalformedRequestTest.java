package io.custodian.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.AppTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests the web server refuses before the application sees them still get a problem+json with a
 * stable code, never the server's HTML page, and nothing of the request echoed back.
 */
class MalformedRequestTest extends AppTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /api/v1/orgs/a%2Fb/recordings HTTP/1.1",
        "GET /api/v1/orgs/a%5Cb HTTP/1.1",
        "GET /api/v1/orgs/a|<script> HTTP/1.1",
        "GET /api/v1/orgs/a{b} HTTP/1.1",
        "GET /api/v1/orgs/%ZZ HTTP/1.1"
      })
  void aRequestTheServerCannotReadGetsAProblem(String requestLine) throws IOException {
    String answer = exchange(requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 400");
    assertThat(answer.toLowerCase(java.util.Locale.ROOT))
        .contains("content-type: application/problem+json");
    assertThat(answer).contains("\"code\":\"MALFORMED_REQUEST\"").doesNotContain("<html");
    assertThat(answer).doesNotContain("script").doesNotContain("Tomcat");
  }

  private String exchange(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
