package io.custodian.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * What the demo does against the running service, over HTTP with the admin and organisation keys:
 * an organisation and sub-organisation, a key, both SFTP offload destinations pinned to the
 * loopback SFTP server and the mail destination pointed at the loopback mailbox, synthetic calls
 * and messages, then the voice, message and mail offloads at once.
 */
final class Walkthrough {

  static final String ORG = "demo-bank";
  static final int CALLS = 12;
  static final long SEED = 20261121L;

  private static final String ADMIN_ORGS = "/api/v1/admin/orgs";
  private static final List<String> STREAMS = List.of("voice", "messages");
  private static final List<String> RUNS = List.of("voice", "messages", "mail");

  private final ServiceClient api;
  private final String adminKey;
  private final DemoKeys keys;
  private final LoopbackSftpServer sftp;
  private final LoopbackMailServer mail;
  private final Clock clock;
  private final PrintStream out;

  Walkthrough(
      ServiceClient api,
      String adminKey,
      DemoKeys keys,
      LoopbackSftpServer sftp,
      LoopbackMailServer mail,
      Clock clock,
      PrintStream out) {
    this.api = api;
    this.adminKey = adminKey;
    this.keys = keys;
    this.sftp = sftp;
    this.mail = mail;
    this.clock = clock;
    this.out = out;
  }

  /** What was sent, and how each batch of the two offload runs ended. */
  record Result(
      String orgKey,
      List<SyntheticTraffic.Call> calls,
      List<String> recordIds,
      int replayed,
      List<Map<String, Object>> messages,
      List<DemoReport.Delivery> deliveries) {}

  /** Runs every step. */
  Result run() {
    organisation();
    String orgKey = orgKey();
    // Disabled until the demo's own runs are done, so that no scheduled tick takes a batch first.
    STREAMS.forEach(stream -> destination(stream, false));
    mailDestination(false);
    SyntheticTraffic traffic = new SyntheticTraffic(clock.instant(), SEED);
    List<SyntheticTraffic.Call> calls = traffic.calls(CALLS);
    List<String> recordIds = new ArrayList<>();
    int replayed = 0;
    for (SyntheticTraffic.Call call : calls) {
      ServiceClient.Answer answer =
          api.postCall("sending call " + call.sourceId(), ORG, orgKey, call.metadata(), call.wav());
      recordIds.add(answer.expect(201, 200).path("id").asString());
      replayed += answer.status() == 200 ? 1 : 0;
    }
    List<Map<String, Object>> messages = traffic.messages();
    for (Map<String, Object> message : messages) {
      api.post("sending message " + message.get("sourceId"), orgPath("/messages"), orgKey, message)
          .expect(201, 200);
    }
    out.printf(
        "Sent %d calls and %d messages to organisation %s.%n", calls.size(), messages.size(), ORG);
    out.println("Offloading voice, messages and mail at once ...");
    List<DemoReport.Delivery> deliveries = offload();
    STREAMS.forEach(stream -> destination(stream, true));
    mailDestination(true);
    return new Result(orgKey, calls, recordIds, replayed, messages, deliveries);
  }

  /** The organisation and its sub-organisation; both may be there from an earlier run. */
  private void organisation() {
    api.post(
            "creating organisation " + ORG,
            ADMIN_ORGS,
            adminKey,
            Map.of("id", ORG, "name", "Demo Bank"))
        .expect(201, 409);
    api.post(
            "creating sub-organisation " + SyntheticTraffic.SUB_ORG,
            ADMIN_ORGS + "/" + ORG + "/sub-orgs",
            adminKey,
            Map.of("id", SyntheticTraffic.SUB_ORG, "name", "Demo Bank Trading Desk"))
        .expect(201, 409);
  }

  /** The organisation key of an earlier run while it still works, else a new one. */
  private String orgKey() {
    if (keys.orgKey().isPresent()
        && api.get("checking the organisation key", orgPath(""), keys.orgKey().get()).status()
            == 200) {
      return keys.orgKey().get();
    }
    String key =
        api.post(
                "issuing an organisation key",
                ADMIN_ORGS + "/" + ORG + "/keys",
                adminKey,
                Map.of("label", "custodian demo"))
            .expect(201)
            .path("secret")
            .asString();
    try {
      keys.orgKey(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return key;
  }

  /**
   * Points a stream at the loopback server, pinning its host key; schedules keep their defaults.
   */
  private void destination(String stream, boolean enabled) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("host", "127.0.0.1");
    body.put("port", sftp.port());
    body.put("user", LoopbackSftpServer.USER);
    body.put("hostKey", sftp.hostKey());
    body.put("password", sftp.password());
    body.put("directory", "/" + stream);
    body.put("verifyContent", true);
    body.put("enabled", enabled);
    api.put("configuring the " + stream + " offload", offloadPath(stream), adminKey, body)
        .expect(200);
  }

  /**
   * Sends every message to the loopback mailbox as it arrives (within a minute), in plain text,
   * which Custodian allows only to a loopback address.
   */
  private void mailDestination(boolean enabled) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("host", "127.0.0.1");
    body.put("port", mail.port());
    body.put("tls", "none");
    body.put("envelopeSender", LoopbackMailServer.SENDER);
    body.put("recipients", List.of(LoopbackMailServer.JOURNAL));
    body.put("participantDomain", "sms.demo-bank.example");
    body.put("schedule", "continuous");
    body.put("enabled", enabled);
    api.put("configuring the mail offload", offloadPath("mail"), adminKey, body).expect(200);
  }

  /** The runs asked for at the same moment; each answers once its batches are delivered. */
  private List<DemoReport.Delivery> offload() {
    List<CompletableFuture<ServiceClient.Answer>> runs =
        RUNS.stream()
            .map(
                stream ->
                    api.postLater(
                        "running the " + stream + " offload",
                        offloadPath(stream) + "/runs",
                        adminKey,
                        ServiceClient.RUN_TIMEOUT))
            .toList();
    List<DemoReport.Delivery> deliveries = new ArrayList<>();
    for (int i = 0; i < RUNS.size(); i++) {
      String stream = RUNS.get(i);
      String what = "running the " + stream + " offload";
      for (JsonNode outcome : ServiceClient.await(what, runs.get(i)).expect(200)) {
        String batch = outcome.path("batch").asString();
        deliveries.add(
            new DemoReport.Delivery(
                stream,
                batch,
                outcome.path("items").asInt(),
                outcome.path("delivered").asBoolean(),
                outcome.path("error").isNull() ? null : outcome.path("error").asString(),
                stream.equals("mail")
                    ? mail.mailbox()
                    : sftp.root().resolve(stream).resolve(batch)));
      }
    }
    try {
      mail.save();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return deliveries;
  }

  private static String orgPath(String rest) {
    return "/api/v1/orgs/" + ORG + rest;
  }

  private static String offloadPath(String stream) {
    return ADMIN_ORGS + "/" + ORG + "/offload/" + stream;
  }
}
