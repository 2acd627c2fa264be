package io.custodian.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.media.AudioEncoding;
import io.custodian.media.ChannelMode;
import io.custodian.media.TestAudio;
import io.custodian.media.UlawConverter;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Messages;
import io.custodian.support.Tenants.Org;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retrieving content over real HTTP: single byte ranges give exactly the bytes asked for, entity
 * tags and digests describe the representation, the u-law rendition equals the SFTP offload's
 * conversion, and a range is never served from content that fails its check.
 */
class ContentRangeTest extends AppTest {

  private Org org;

  @BeforeEach
  void organisation() {
    org = tenants.create();
  }

  @Test
  void singleRangesReturnExactlyTheBytesAskedFor() throws Exception {
    byte[] wav = TestAudio.tone(AudioEncoding.PCM_S16LE, 1, 8000, Duration.ofSeconds(1));
    String content = post(wav) + "/content";
    int n = wav.length;
    String etag = "\"" + hex(sha256(wav)) + "\"";

    assertRange(content, "bytes=0-99", wav, 0, 99);
    assertRange(content, "bytes=100-", wav, 100, n - 1);
    assertRange(content, "bytes=-50", wav, n - 50, n - 1);
    assertRange(content, "bytes=7-7", wav, 7, 7);
    assertRange(content, "bytes=10-999999999", wav, 10, n - 1);
    assertRange(content, "bytes=-999999999", wav, 0, n - 1);
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      int a = random.nextInt(n);
      int b = a + random.nextInt(n - a);
      assertRange(content, "bytes=" + a + "-" + b, wav, a, b);
    }
    Api.Response partial = range(content, "bytes=0-9");
    assertThat(partial.header("ETag")).isEqualTo(etag);
    assertThat(partial.header("Repr-Digest"))
        .as("the digest of the whole representation")
        .isEqualTo("sha-256=:" + Base64.getEncoder().encodeToString(sha256(wav)) + ":");
    assertThat(partial.header("Accept-Ranges")).isEqualTo("bytes");
  }

  @Test
  void unsatisfiableRangesAre416AndOthersGetTheWholeContent() throws Exception {
    byte[] wav = Calls.ulaw();
    String content = post(wav) + "/content";

    for (String unsatisfiable : new String[] {"bytes=" + wav.length + "-", "bytes=-0"}) {
      Api.Response answer = range(content, unsatisfiable);
      assertThat(answer.status()).as(unsatisfiable).isEqualTo(416);
      assertThat(answer.code()).isEqualTo("RANGE_NOT_SATISFIABLE");
      assertThat(answer.header("Content-Range")).isEqualTo("bytes */" + wav.length);
    }
    for (String ignored : new String[] {"bytes=0-1,5-6", "bytes=9-3", "items=0-5", "bytes=x-"}) {
      Api.Response answer = range(content, ignored);
      assertThat(answer.status()).as(ignored).isEqualTo(200);
      assertThat(answer.body()).isEqualTo(wav);
    }
  }

  @Test
  void conditionalRequestsUseTheStrongEntityTag() throws Exception {
    byte[] wav = Calls.ulaw();
    String content = post(wav) + "/content";
    String etag = "\"" + hex(sha256(wav)) + "\"";

    Api.Response unchanged = send(content, "If-None-Match", etag);
    Api.Response listed = send(content, "If-None-Match", "\"other\", " + etag);
    Api.Response changed = send(content, "If-None-Match", "\"other\"");
    Api.Response ifRange =
        api.send(
            api.request(content, org.key())
                .header("Range", "bytes=0-3")
                .header("If-Range", etag)
                .build());
    Api.Response staleIfRange =
        api.send(
            api.request(content, org.key())
                .header("Range", "bytes=0-3")
                .header("If-Range", "\"other\"")
                .build());

    assertThat(unchanged.status()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();
    assertThat(unchanged.header("ETag")).isEqualTo(etag);
    assertThat(listed.status()).isEqualTo(304);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.body()).isEqualTo(wav);
    assertThat(ifRange.status()).isEqualTo(206);
    assertThat(ifRange.body()).isEqualTo(Arrays.copyOfRange(wav, 0, 4));
    assertThat(staleIfRange.status()).isEqualTo(200);
    assertThat(staleIfRange.body()).isEqualTo(wav);
  }

  @Test
  void aRangeAcrossSegmentsOfALargeRecordingIsExact() throws Exception {
    byte[] wav = TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 16000, Duration.ofSeconds(40));
    assertThat(wav.length).isGreaterThan(2 * 1024 * 1024);
    String content = post(wav) + "/content";

    assertRange(content, "bytes=1048000-1049999", wav, 1048000, 1049999);
    assertRange(content, "bytes=-70000", wav, wav.length - 70000, wav.length - 1);
  }

  @Test
  void theUlawRenditionIsTheOffloadConversionWithItsOwnEntityTag() throws Exception {
    byte[] wav = TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 16000, Duration.ofSeconds(3));
    String record = post(wav);
    byte[] keep = convert(wav, ChannelMode.KEEP);
    byte[] mix = convert(wav, ChannelMode.MIX);

    Api.Response ulaw = api.get(record + "/content?format=ulaw", org.key());
    Api.Response mixed = api.get(record + "/content?format=ulaw&channels=mix", org.key());
    Api.Response part =
        api.send(
            api.request(record + "/content?format=ulaw", org.key())
                .header("Range", "bytes=40-1039")
                .build());
    Api.Response again =
        api.send(
            api.request(record + "/content?format=ulaw", org.key())
                .header("If-None-Match", ulaw.header("ETag"))
                .build());
    Api.Response storedTag =
        api.send(
            api.request(record + "/content?format=ulaw", org.key())
                .header("If-None-Match", "\"" + hex(sha256(wav)) + "\"")
                .build());

    assertThat(ulaw.status()).isEqualTo(200);
    assertThat(ulaw.body()).isEqualTo(keep);
    assertThat(ulaw.header("Content-Length")).isEqualTo(Integer.toString(keep.length));
    assertThat(ulaw.header("Content-Type")).isEqualTo("audio/wav");
    assertThat(ulaw.header("ETag")).isEqualTo("\"" + hex(sha256(wav)) + "-ulaw\"");
    assertThat(ulaw.header("Repr-Digest")).as("unknown before it is converted").isNull();
    assertThat(mixed.body()).isEqualTo(mix);
    assertThat(mixed.header("ETag")).isEqualTo("\"" + hex(sha256(wav)) + "-ulaw-mix\"");
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.header("Content-Range")).isEqualTo("bytes 40-1039/" + keep.length);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(keep, 40, 1040));
    assertThat(again.status()).isEqualTo(304);
    assertThat(storedTag.status()).isEqualTo(200);
    assertThat(storedTag.body()).isEqualTo(keep);
  }

  @Test
  void badRenditionParametersAre400() {
    String record = post(Calls.ulaw());
    for (String query :
        new String[] {"format=mp3", "channels=mix", "format=ulaw&channels=3", "x=1"}) {
      Api.Response answer = api.get(record + "/content?" + query, org.key());
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.code()).isEqualTo("INVALID_REQUEST");
    }
  }

  @Test
  void resourcesWithoutOptionsRefuseAnyQueryParameterAndAuditIt() {
    String record = post(Calls.ulaw());
    String message =
        api.postJson(
                "/api/v1/orgs/" + org.id() + "/messages",
                org.key(),
                Messages.sms("no-options", "body"))
            .header("Location");
    long before = auditCount("message.content.read", org.id(), "REJECTED");
    for (String path :
        new String[] {
          record + "?format=ulaw",
          message + "?verbose=1",
          message + "/content?format=ulaw",
          message + "/attachments/0?download=1"
        }) {
      Api.Response answer = api.get(path, org.key());
      assertThat(answer.status()).as(path).isEqualTo(400);
      assertThat(answer.code()).as(path).isEqualTo("INVALID_REQUEST");
      assertThat(answer.json().path("detail").asString()).as(path).contains("takes none");
    }
    assertThat(auditCount("message.content.read", org.id(), "REJECTED")).isEqualTo(before + 1);
    assertThat(api.get(message + "/content", org.key()).text()).isEqualTo("body");
  }

  @Test
  void messageBodiesAndAttachmentsTakeRangesToo() {
    Api.Response posted =
        api.postJson(
            "/api/v1/orgs/" + org.id() + "/messages",
            org.key(),
            Messages.sms("ranged", "Figures attached, call me after 10."));
    String body = posted.header("Location") + "/content";

    Api.Response part = range(body, "bytes=8-15");
    Api.Response empty =
        api.postJson(
            "/api/v1/orgs/" + org.id() + "/messages", org.key(), Messages.sms("empty", ""));
    Api.Response emptyRange = range(empty.header("Location") + "/content", "bytes=0-");

    assertThat(part.status()).isEqualTo(206);
    assertThat(part.text()).isEqualTo("attached");
    assertThat(part.header("Content-Range")).isEqualTo("bytes 8-15/35");
    assertThat(emptyRange.status()).isEqualTo(416);
  }

  @Test
  void headAnswersTheHeadersOfARangeWithoutABody() {
    byte[] wav = Calls.ulaw();
    String content = post(wav) + "/content";

    Api.Response head =
        api.send(
            api.request(content, org.key())
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Range", "bytes=0-9")
                .build());

    assertThat(head.status()).isEqualTo(206);
    assertThat(head.header("Content-Length")).isEqualTo("10");
    assertThat(head.body()).isEmpty();
  }

  @Test
  void everyContentReadIsAuditedWithWhatWasAnswered() {
    byte[] wav = Calls.ulaw();
    String record = post(wav);
    String id = record.substring(record.lastIndexOf('/') + 1);

    range(record + "/content", "bytes=0-9");
    api.get(record + "/content?format=ulaw", org.key());
    range(record + "/content", "bytes=" + wav.length + "-");

    assertThat(
            jdbc.sql(
                    "select detail from audit_log where action = 'recording.content.read'"
                        + " and subject = :id order by seq")
                .param("id", id)
                .query(String.class)
                .list())
        .containsExactly(
            "bytes 0-9/" + wav.length,
            "format=ulaw whole " + (convert(wav, ChannelMode.KEEP).length) + " bytes",
            "range not satisfiable (" + wav.length + " bytes)");
  }

  @Test
  void aRangeOfContentThatFailsItsCheckElsewhereIsNeverServed() throws Exception {
    byte[] wav = TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 16000, Duration.ofSeconds(40));
    String record = post(wav);
    Path blob = blobOf(record.substring(record.lastIndexOf('/') + 1));
    flipByte(blob, Files.size(blob) - 1000);

    Api.Response head = range(record + "/content", "bytes=0-99");
    assertThat(head.status()).isEqualTo(500);
    assertThat(head.code()).isEqualTo("INTEGRITY_FAILURE");
    // A range larger than the response buffer is already under way when the damage is found: the
    // answer is cut short, never complete.
    try {
      Api.Response big = range(record + "/content", "bytes=0-199999");
      assertThat(big.status()).isEqualTo(500);
    } catch (UncheckedIOException aborted) {
      // the connection closed before the announced length
    }
    assertThat(auditCount("vault.integrity.failure", org.id(), "FAILED")).isGreaterThanOrEqualTo(2);
  }

  private String post(byte[] wav) {
    Api.Response call = api.postCall(org.id(), org.key(), Calls.metadata(Calls.newSourceId()), wav);
    assertThat(call.status()).as(call.toString()).isEqualTo(201);
    return call.header("Location");
  }

  private void assertRange(String path, String header, byte[] full, int first, int last) {
    Api.Response answer = range(path, header);
    assertThat(answer.status()).as(header).isEqualTo(206);
    assertThat(answer.header("Content-Range"))
        .as(header)
        .isEqualTo("bytes " + first + "-" + last + "/" + full.length);
    assertThat(answer.header("Content-Length")).isEqualTo(Integer.toString(last - first + 1));
    assertThat(answer.body()).as(header).isEqualTo(Arrays.copyOfRange(full, first, last + 1));
  }

  private Api.Response range(String path, String header) {
    return send(path, "Range", header);
  }

  private Api.Response send(String path, String header, String value) {
    return api.send(api.request(path, org.key()).header(header, value).build());
  }

  private static byte[] convert(byte[] wav, ChannelMode mode) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new UlawConverter(mode).convert(new ByteArrayInputStream(wav), out);
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Path blobOf(String recordingId) {
    String object =
        jdbc.sql("select object_id::text from recordings where id = :id")
            .param("id", UUID.fromString(recordingId))
            .query(String.class)
            .single();
    return DATA_DIR
        .resolve("blobs/objects")
        .resolve(org.id())
        .resolve(object.substring(0, 2))
        .resolve(object);
  }

  private static void flipByte(Path file, long position) throws Exception {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, position);
      one.put(0, (byte) (one.get(0) ^ 0x01));
      channel.write(one.position(0), position);
    }
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }
}
