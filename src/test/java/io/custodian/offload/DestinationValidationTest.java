package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Tenants.Org;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A bad destination is refused with a problem naming the field, and nothing is saved. */
class DestinationValidationTest extends AppTest {

  private static final String HOST_KEY = hostKey();

  private Org org;

  @BeforeEach
  void organisation() {
    org = tenants.create();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "port 0|port|0|port must be 1 to 65535",
        "not a key|hostKey|AAAA|hostKey must be the server's public key",
        "dot-dot directory|directory|/archive/../etc|directory must not contain . or ..",
        "everyMinutes 0|everyMinutes|0|everyMinutes must be 1 to 1440",
        "dailyAt 25:00|dailyAt|25:00|dailyAt must be HH:mm (UTC)",
        "timeout 5 s|transferTimeoutSeconds|5|transferTimeoutSeconds must be 10 to 3600",
        "parallelism 17|parallelism|17|parallelism must be 1 to 16",
        "channelMode stereo|channelMode|stereo|channelMode must be keep or mix",
        "misspelt field|everyMinute|5|Unknown field 'everyMinute'",
      })
  void aBadFieldIsNamedAndNothingIsSaved(String name, String field, String value, String detail) {
    Api.Response refused =
        put(
            body -> {
              Object typed = value.matches("-?\\d+") ? (Object) Integer.parseInt(value) : value;
              body.put(field, typed);
            });

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
    assertThat(refused.json().path("detail").asString()).contains(detail);
    assertThat(api.get(path(), ADMIN_KEY).status()).as("nothing saved").isEqualTo(404);
  }

  @Test
  void aBodyThatIsNotJsonIsMalformed() {
    Api.Response refused =
        api.send(
            api.request(path(), ADMIN_KEY)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"host\": "))
                .build());

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.code()).isEqualTo("MALFORMED_REQUEST");
    assertThat(api.get(path(), ADMIN_KEY).status()).isEqualTo(404);
  }

  @Test
  void aGoodDestinationIsSavedAndItsSecretNeverReturned() {
    Api.Response saved = put(body -> {});

    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    assertThat(saved.text()).doesNotContain("s3cret");
    assertThat(api.get(path(), ADMIN_KEY).json()).isEqualTo(saved.json());
  }

  @Test
  void whatGetAnswersCanBeEditedAndSentBack() {
    assertThat(put(body -> body.put("everyMinutes", 15)).status()).isEqualTo(200);
    JsonNode stored = api.get(path(), ADMIN_KEY).json();
    assertThat(stored.path("stream").asString()).isEqualTo("voice");
    assertThat(stored.path("everyMinutes").asInt()).isEqualTo(15);
    assertThat(stored.path("transferTimeoutSeconds").asInt()).isEqualTo(360);

    ObjectNode edited = (ObjectNode) stored;
    edited.put("parallelism", 2);
    Api.Response saved =
        api.send(
            api.request(path(), ADMIN_KEY)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(edited.toString()))
                .build());

    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    assertThat(saved.json().path("parallelism").asInt()).isEqualTo(2);
    assertThat(saved.json().path("everyMinutes").asInt()).isEqualTo(15);
    assertThat(saved.json().path("hasPassword").asBoolean()).as("the secret is kept").isTrue();
  }

  @Test
  void aDailyScheduleIsShownAsItIsSent() {
    assertThat(put(body -> body.put("dailyAt", "03:15")).status()).isEqualTo(200);

    JsonNode stored = api.get(path(), ADMIN_KEY).json();

    assertThat(stored.path("dailyAt").asString()).isEqualTo("03:15");
    assertThat(stored.path("everyMinutes").isNull()).isTrue();
  }

  private Api.Response put(Consumer<Map<String, Object>> change) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("host", "127.0.0.1");
    body.put("port", 22);
    body.put("user", "archive");
    body.put("hostKey", HOST_KEY);
    body.put("password", "s3cret");
    body.put("directory", "/archive/voice");
    change.accept(body);
    return api.send(
        api.request(path(), ADMIN_KEY)
            .header("Content-Type", "application/json")
            .PUT(
                HttpRequest.BodyPublishers.ofString(
                    JsonMapper.builder().build().writeValueAsString(body)))
            .build());
  }

  private static String hostKey() {
    try {
      return PublicKeyEntry.toString(KeyUtils.generateKeyPair("ssh-ed25519", 256).getPublic());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private String path() {
    return "/api/v1/admin/orgs/" + org.id() + "/offload/voice";
  }
}
