package io.custodian.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Tenants.Org;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hourly pull of docs/api.md, run as documented with curl and jq: a first run fetches every
 * recording, a second only those that arrived since, and the stored cursor moves with them.
 */
class HourlyPullScriptTest extends AppTest {

  @TempDir Path work;

  @Test
  void theDocumentedHourlyPullFetchesEachRecordingOnce() throws Exception {
    assertThat(onPath("curl") && onPath("jq"))
        .as(
            "curl and jq run the documented script; install them (as root: apt-get install -y curl"
                + " jq), as .ci/run does")
        .isTrue();
    Org org = tenants.create();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(post(org));
    }
    Path archive = Files.createDirectories(work.resolve("archive"));
    Path script = work.resolve("pull.sh");
    Files.writeString(
        script,
        documentedScript()
            .replace("/var/lib/archive/", work + "/")
            .replace("/archive/", archive + "/")
            .replace("/orgs/acme/", "/orgs/" + org.id() + "/")
            .replace("limit=500", "limit=2"));

    run(script, org);
    assertThat(files(archive)).containsExactlyInAnyOrderElementsOf(wavs(ids));
    String cursor = Files.readString(work.resolve("recordings.cursor")).trim();

    ids.add(post(org));
    Files.delete(archive.resolve(ids.get(0) + ".wav"));
    run(script, org);

    assertThat(files(archive))
        .as("only the new one is fetched")
        .containsExactlyInAnyOrderElementsOf(wavs(ids.subList(1, 4)));
    assertThat(Files.readString(work.resolve("recordings.cursor")).trim()).isNotEqualTo(cursor);
    assertThat(Files.readAllBytes(archive.resolve(ids.get(3) + ".wav"))).isEqualTo(Calls.ulaw());
  }

  private String post(Org org) {
    Api.Response call =
        api.postCall(org.id(), org.key(), Calls.metadata(Calls.newSourceId()), Calls.ulaw());
    assertThat(call.status()).isEqualTo(201);
    return call.json().path("id").asString();
  }

  private void run(Path script, Org org) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
    builder.environment().put("CUSTODIAN", "http://127.0.0.1:" + port);
    builder.environment().put("ORG_KEY", org.key());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  /** The shell block under "An hourly pull". */
  private static String documentedScript() throws IOException {
    String doc = Files.readString(Path.of("docs/api.md"));
    String section = doc.substring(doc.indexOf("### An hourly pull"));
    int start = section.indexOf("```sh\n") + "```sh\n".length();
    return section.substring(start, section.indexOf("```", start));
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static List<String> wavs(List<String> ids) {
    return ids.stream().map(id -> id + ".wav").toList();
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
