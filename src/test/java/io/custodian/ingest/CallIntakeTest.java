package io.custodian.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.media.AudioEncoding;
import io.custodian.media.BrokenWavs;
import io.custodian.media.TestAudio;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Tenants.Org;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Call intake over real HTTP: every accepted WAV variant, replays, and bad input. */
class CallIntakeTest extends AppTest {

  private Org org;

  @BeforeEach
  void organisation() {
    org = tenants.create();
  }

  static Stream<Arguments> variants() {
    Stream.Builder<Arguments> all = Stream.builder();
    for (AudioEncoding encoding : AudioEncoding.values()) {
      for (int rate : new int[] {8000, 16000}) {
        for (int channels : new int[] {1, 2}) {
          all.add(Arguments.of(encoding, rate, channels));
        }
      }
    }
    return all.build();
  }

  @ParameterizedTest(name = "{0} {1} Hz, {2} channel(s)")
  @MethodSource("variants")
  void everyAcceptedVariantRoundTripsByteForByte(AudioEncoding encoding, int rate, int channels)
      throws Exception {
    byte[] wav = TestAudio.tone(encoding, channels, rate, Duration.ofMillis(1500));
    Api.Response created =
        api.postCall(org.id(), org.key(), Calls.metadata(Calls.newSourceId()), wav);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode audio = created.json().path("audio");
    assertThat(audio.path("encoding").asString()).isEqualTo(encoding.label());
    assertThat(audio.path("channels").asInt()).isEqualTo(channels);
    assertThat(audio.path("sampleRate").asInt()).isEqualTo(rate);
    assertThat(audio.path("durationMs").asLong()).isEqualTo(1500);
    assertThat(audio.path("size").asLong()).isEqualTo(wav.length);
    assertThat(audio.path("sha256").asString()).isEqualTo(sha256Hex(wav));
    assertThat(created.header("Location"))
        .isEqualTo(
            "/api/v1/orgs/" + org.id() + "/recordings/" + created.json().path("id").asString());

    Api.Response content = api.get(created.header("Location") + "/content", org.key());
    assertThat(content.status()).isEqualTo(200);
    assertThat(content.body()).isEqualTo(wav);
    assertThat(content.header("Content-Type")).isEqualTo("audio/wav");
    assertThat(content.header("Repr-Digest"))
        .isEqualTo("sha-256=:" + Base64.getEncoder().encodeToString(sha256(wav)) + ":");
  }

  @Test
  void metadataRoundTripsAndIntakeSequenceIncreases() {
    Api.Response first = api.postCall(org.id(), org.key(), Calls.metadata("a-1"), Calls.ulaw());
    Api.Response second = api.postCall(org.id(), org.key(), Calls.metadata("a-2"), Calls.ulaw());

    assertThat(first.json().path("intakeSeq").asLong()).isEqualTo(1);
    assertThat(second.json().path("intakeSeq").asLong()).isEqualTo(2);
    Api.Response read = api.get(first.header("Location"), org.key());
    assertThat(read.status()).isEqualTo(200);
    JsonNode record = read.json();
    assertThat(record).as("the 201's record is the stored one").isEqualTo(first.json());
    assertThat(record.path("sourceId").asString()).isEqualTo("a-1");
    assertThat(record.path("participants").get(0).path("number").asString())
        .isEqualTo("+442071234567");
    assertThat(record.path("participants").get(1).path("jurisdiction").asString())
        .isEqualTo("US-CA");
    assertThat(record.path("startedAt").asString()).isEqualTo("2026-11-21T10:00:00Z");
    assertThat(record.path("deviceId").asString()).isEqualTo("dev-1");
  }

  @Test
  void theAnswerIsTheRecordAsStored() {
    String metadata =
        Calls.metadata("precise")
            .replace("10:00:00Z", "10:00:00.123456789Z")
            .replace(
                "\"deviceId\"",
                "\"location\":{\"latitude\":51.5138,\"longitude\":-0.0984,\"accuracyMeters\":25},"
                    + "\"deviceId\"");
    Api.Response created = api.postCall(org.id(), org.key(), metadata, Calls.ulaw());

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().path("startedAt").asString())
        .isEqualTo("2026-11-21T10:00:00.123456Z");
    assertThat(api.get(created.header("Location"), org.key()).json()).isEqualTo(created.json());
  }

  @Test
  void identicalReplayAnswers200WithTheSameRecord() {
    byte[] wav = Calls.ulaw();
    Api.Response first = api.postCall(org.id(), org.key(), Calls.metadata("same"), wav);
    Api.Response again = api.postCall(org.id(), org.key(), Calls.metadata("same"), wav);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().path("id")).isEqualTo(first.json().path("id"));
    assertThat(again.json().path("intakeSeq").asLong()).isEqualTo(1);
    assertThat(recordingCount()).isEqualTo(1);
  }

  @Test
  void concurrentIdenticalSubmissionsMakeOneRecord() throws Exception {
    byte[] wav = Calls.ulaw();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      var answers = new java.util.ArrayList<java.util.concurrent.Future<Api.Response>>();
      for (int i = 0; i < 6; i++) {
        answers.add(
            pool.submit(() -> api.postCall(org.id(), org.key(), Calls.metadata("race"), wav)));
      }
      java.util.List<Integer> statuses = new java.util.ArrayList<>();
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (var answer : answers) {
        Api.Response response = answer.get();
        statuses.add(response.status());
        ids.add(response.json().path("id").asString());
      }
      assertThat(statuses).containsOnlyOnce(201).containsOnly(200, 201);
      assertThat(ids).hasSize(1);
      assertThat(recordingCount()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void conflictingReplayAnswers409AndChangesNothing() throws IOException {
    api.postCall(org.id(), org.key(), Calls.metadata("dup"), Calls.ulaw());
    long blobs = blobFiles();
    byte[] otherAudio = TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(3));

    Api.Response audioDiffers =
        api.postCall(org.id(), org.key(), Calls.metadata("dup"), otherAudio);
    Api.Response metadataDiffers =
        api.postCall(
            org.id(), org.key(), Calls.metadata("dup").replace("dev-1", "dev-2"), Calls.ulaw());

    assertThat(audioDiffers.status()).isEqualTo(409);
    assertThat(audioDiffers.code()).isEqualTo("IDEMPOTENCY_CONFLICT");
    assertThat(metadataDiffers.code()).isEqualTo("IDEMPOTENCY_CONFLICT");
    assertThat(recordingCount()).isEqualTo(1);
    assertThat(blobFiles()).isEqualTo(blobs);
    assertThat(auditCount("recording.intake", org.id(), "REJECTED")).isEqualTo(2);
  }

  @Test
  void everyBrokenWavGetsItsProblemAndLeavesNothingBehind() throws IOException {
    long blobs = blobFiles();
    for (Map.Entry<String, byte[]> broken : BrokenWavs.corpus().entrySet()) {
      Api.Response answer =
          api.postCall(
              org.id(), org.key(), Calls.metadata("broken-" + broken.getKey()), broken.getValue());

      assertThat(answer.status()).as(broken.getKey() + ": " + answer).isBetween(400, 499);
      assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(answer.code())
          .as(broken.getKey())
          .isIn("INVALID_WAV", "UNSUPPORTED_AUDIO", "PAYLOAD_TOO_LARGE");
    }
    assertThat(recordingCount()).isZero();
    assertThat(blobFiles()).isEqualTo(blobs);
  }

  @Test
  void anUploadDeclaredOverTheCapIs413BeforeItsBodyIsRead() throws IOException {
    long blobs = blobFiles();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      String head =
          "POST /api/v1/orgs/"
              + org.id()
              + "/calls HTTP/1.1\r\n"
              + "Host: 127.0.0.1\r\n"
              + "Authorization: Bearer "
              + org.key()
              + "\r\n"
              + "Content-Type: multipart/form-data; boundary=b\r\n"
              + "Content-Length: 9600000\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      BufferedReader answer =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String status = answer.readLine();
      while (status.startsWith("HTTP/1.1 100")) {
        answer.readLine();
        status = answer.readLine();
      }
      assertThat(status).startsWith("HTTP/1.1 413");
    }
    assertThat(recordingCount()).isZero();
    assertThat(blobFiles()).isEqualTo(blobs);
  }

  @Test
  void invalidMetadataIs400AndStoresNothing() throws IOException {
    long blobs = blobFiles();
    String[] invalid = {
      "{\"direction\":\"inbound\"}",
      Calls.metadata("x").replace("+442071234567", "0207 123 4567"),
      Calls.metadata("x").replace("\"direction\":\"inbound\"", "\"direction\":\"sideways\""),
      Calls.metadata("line\\r\\nbreak"),
      Calls.metadata("x")
          .replace("\"subOrg\"", "")
          .replace("{\"sourceId\"", "{\"subOrg\":\"nope\",\"sourceId\""),
      Calls.metadata("x").replace("\"deviceId\"", "\"unknownField\""),
      Calls.metadata("x").replace("10:00:02Z", "09:00:00Z"),
      "not json",
    };
    for (String metadata : invalid) {
      Api.Response answer = api.postCall(org.id(), org.key(), metadata, Calls.ulaw());
      assertThat(answer.status()).as(metadata + " → " + answer).isEqualTo(400);
      assertThat(answer.code()).isEqualTo("INVALID_METADATA");
    }
    assertThat(recordingCount()).isZero();
    assertThat(blobFiles()).isEqualTo(blobs);
  }

  @Test
  void knownSubOrganisationIsAccepted() {
    String metadata =
        Calls.metadata("s-1").replace("{\"sourceId\"", "{\"subOrg\":\"desk\",\"sourceId\"");
    Api.Response answer = api.postCall(org.id(), org.key(), metadata, Calls.ulaw());
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    assertThat(answer.json().path("subOrg").asString()).isEqualTo("desk");
  }

  @Test
  void aBrokenMultipartBodyGetsItsProblemIsAuditedAndStoresNothing() throws IOException {
    long blobs = blobFiles();
    String part = "Content-Disposition: form-data; name=\"metadata\"\r\n\r\n";
    Map<String, String> answers =
        Map.of(
            "--b\nContent-Disposition: form-data; name=\"metadata\"\n\n{}\n--b--\n",
            "400 MALFORMED_REQUEST",
            "--b\r\n" + part + Calls.metadata("cut"),
            "400 MALFORMED_REQUEST",
            "--b\r\n" + part + Calls.metadata("x") + "\r\n--bX\r\n",
            "400 MALFORMED_REQUEST",
            "--b\r\nX-Filler: " + "x".repeat(9000) + "\r\n" + part + "{}\r\n--b--\r\n",
            "413 PAYLOAD_TOO_LARGE");
    for (Map.Entry<String, String> body : answers.entrySet()) {
      Api.Response answer = postMultipart("multipart/form-data; boundary=b", body.getKey());
      assertThat(answer.status() + " " + answer.code())
          .as(StrictJson.brief(body.getKey()))
          .isEqualTo(body.getValue());
    }
    Api.Response noBoundary = postMultipart("multipart/form-data", "--b--\r\n");
    assertThat(noBoundary.code()).isEqualTo("MALFORMED_REQUEST");
    Api.Response mixed = postMultipart("multipart/mixed; boundary=b", "--b--\r\n");
    assertThat(mixed.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    assertThat(auditCount("recording.intake", org.id(), "REJECTED")).isEqualTo(answers.size() + 2);
    assertThat(recordingCount()).isZero();
    assertThat(blobFiles()).isEqualTo(blobs);
  }

  private Api.Response postMultipart(String contentType, String body) {
    return api.send(
        api.request("/api/v1/orgs/" + org.id() + "/calls", org.key())
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build());
  }

  @Test
  void aRequestThatIsNotMultipartIs415() {
    Api.Response answer = api.postJson("/api/v1/orgs/" + org.id() + "/calls", org.key(), "{}");
    assertThat(answer.status()).isEqualTo(415);
    assertThat(answer.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
  }

  private long recordingCount() {
    return jdbc.sql("select count(*) from recordings where org_id = :o")
        .param("o", org.id())
        .query(Long.class)
        .single();
  }

  private static long blobFiles() throws IOException {
    Path blobs = DATA_DIR.resolve("blobs");
    try (Stream<Path> files = Files.walk(blobs)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  static String sha256Hex(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(sha256(bytes));
  }
}
