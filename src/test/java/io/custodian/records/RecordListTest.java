package io.custodian.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Messages;
import io.custodian.support.Tenants.Org;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Listing over real HTTP: keyset pages in intake order that never skip or repeat a record while
 * others arrive, filters that combine, strict parameters, and one audit entry per list.
 */
class RecordListTest extends AppTest {

  @Test
  void pagesNeverSkipOrRepeatWhileNewRecordsArrive() throws Exception {
    Org org = tenants.create();
    for (int i = 0; i < 5; i++) {
      postMessage(org, Messages.sms("before-" + i, "b" + i));
    }
    ExecutorService writer = Executors.newSingleThreadExecutor();
    CompletableFuture<Void> arriving =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 25; i++) {
                postMessage(org, Messages.sms("during-" + i, "d" + i));
              }
            },
            writer);
    List<String> seen = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    // Page through while the writer is adding records, then on until the list is exhausted.
    while (true) {
      boolean writerDone = arriving.isDone(); // before the page: it then sees every record
      JsonNode page = list(org, "messages", "limit=4" + cursorParameter(cursor));
      pages++;
      for (JsonNode item : page.path("items")) {
        seen.add(item.path("id").asString());
        seqs.add(item.path("intakeSeq").asLong());
      }
      cursor = page.path("resume").isNull() ? cursor : page.path("resume").asString();
      if (page.path("next").isNull() && writerDone) {
        break;
      }
    }
    arriving.get();
    writer.shutdown();

    List<String> all =
        jdbc.sql("select id::text from messages where org_id = :org order by intake_seq")
            .param("org", org.id())
            .query(String.class)
            .list();
    assertThat(all).hasSize(30);
    assertThat(new HashSet<>(seen)).as("no repeats").hasSize(seen.size());
    assertThat(seen).as("nothing skipped, intake order").isEqualTo(all);
    assertThat(seqs).isSorted();
    assertThat(pages).isGreaterThanOrEqualTo(8);
  }

  @Test
  void theResumeCursorOfTheLastPageContinuesAnHourlyPullWithOnlyNewRecords() {
    Org org = tenants.create();
    postMessage(org, Messages.sms("one", "1"));
    postMessage(org, Messages.sms("two", "2"));
    JsonNode first = list(org, "messages", "limit=2");
    assertThat(first.path("items")).hasSize(2);
    assertThat(first.path("next").isNull()).isTrue();
    assertThat(first.path("links").path("next").isNull()).isTrue();
    String resume = first.path("resume").asString();

    JsonNode nothingYet = list(org, "messages", "cursor=" + resume);
    assertThat(nothingYet.path("items")).isEmpty();
    assertThat(nothingYet.path("resume").asString()).isEqualTo(resume);

    String three = postMessage(org, Messages.sms("three", "3"));
    JsonNode later = list(org, "messages", "cursor=" + resume);
    assertThat(later.path("items").findValuesAsString("id")).containsExactly(three);
  }

  @Test
  void aPageCarriesMetadataAndLinksNeverContent() {
    Org org = tenants.create();
    Map<String, Object> mms = Messages.sms("linked", "the secret body");
    mms.put("channel", "mms");
    mms.put("attachments", List.of(Map.of("mediaType", "image/png", "content", "AAEC")));
    String message = postMessage(org, mms);
    Api.Response call = api.postCall(org.id(), org.key(), Calls.metadata("c"), Calls.ulaw());
    String recording = call.json().path("id").asString();

    Api.Response messages = api.get("/api/v1/orgs/" + org.id() + "/messages?limit=1", org.key());
    JsonNode recordings = list(org, "recordings", "");

    assertThat(messages.status()).isEqualTo(200);
    assertThat(messages.text()).doesNotContain("the secret body");
    JsonNode item = messages.json().path("items").get(0);
    String self = "/api/v1/orgs/" + org.id() + "/messages/" + message;
    assertThat(item.path("links").path("self").asString()).isEqualTo(self);
    assertThat(item.path("links").path("content").asString()).isEqualTo(self + "/content");
    assertThat(item.path("links").path("attachments").get(0).asString())
        .isEqualTo(self + "/attachments/0");
    assertThat(item.path("body").path("sha256").asString()).hasSize(64);
    assertThat(messages.json().path("links").path("self").asString())
        .isEqualTo("/api/v1/orgs/" + org.id() + "/messages?limit=1");
    JsonNode listed = recordings.path("items").get(0);
    assertThat(listed.path("id").asString()).isEqualTo(recording);
    assertThat(listed.path("participants").get(0).path("number").asString())
        .isEqualTo("+442071234567");
    assertThat(listed.path("links").path("ulaw").asString())
        .isEqualTo(
            "/api/v1/orgs/" + org.id() + "/recordings/" + recording + "/content?format=ulaw");
  }

  @Test
  void messageFiltersCombineAsTheyShould() {
    Org org = tenants.create();
    tenants.createSub(org, "ops");
    List<Sent> sent = new ArrayList<>();
    String[] subs = {"desk", "ops", null};
    String[] channels = {"sms", "whatsapp"};
    String[] directions = {"inbound", "outbound"};
    int n = 0;
    for (String sub : subs) {
      for (String channel : channels) {
        for (String direction : directions) {
          Map<String, Object> m = Messages.sms("f-" + n, "body " + n);
          if (sub != null) {
            m.put("subOrg", sub);
          }
          m.put("channel", channel);
          m.put("direction", direction);
          String from = n % 3 == 0 ? "+15550100" : "+1555020" + n;
          List<String> to = n % 4 == 1 ? List.of("+15550300", "+15550100") : List.of("+15550300");
          m.put("from", from);
          m.put("to", to);
          String sentAt = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(86400L * n).toString();
          m.put("sentAt", sentAt);
          Api.Response posted =
              api.postJson("/api/v1/orgs/" + org.id() + "/messages", org.key(), m);
          assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
          List<String> parties = new ArrayList<>(to);
          parties.add(from);
          sent.add(
              new Sent(
                  posted.json().path("id").asString(),
                  sub,
                  channel,
                  direction,
                  parties,
                  Instant.parse(sentAt),
                  Instant.parse(posted.json().path("receivedAt").asString())));
          n++;
        }
      }
    }
    Instant day5 = Instant.parse("2026-11-06T00:00:00Z");
    Instant day9 = Instant.parse("2026-11-10T00:00:00Z");
    Instant received4 = sent.get(4).receivedAt();
    Map<String, Predicate<Sent>> cases = new LinkedHashMap<>();
    cases.put("", s -> true);
    cases.put("subOrg=desk", s -> "desk".equals(s.subOrg()));
    cases.put("channel=whatsapp", s -> s.channel().equals("whatsapp"));
    cases.put(
        "subOrg=ops&direction=inbound",
        s -> "ops".equals(s.subOrg()) && s.direction().equals("inbound"));
    cases.put(
        "channel=sms&direction=outbound&participant=" + encode("+15550100"),
        s ->
            s.channel().equals("sms")
                && s.direction().equals("outbound")
                && s.parties().contains("+15550100"));
    cases.put("participant=" + encode("+15550100"), s -> s.parties().contains("+15550100"));
    cases.put(
        "sentFrom=" + day5 + "&sentBefore=" + day9,
        s -> !s.sentAt().isBefore(day5) && s.sentAt().isBefore(day9));
    cases.put(
        "sentFrom=" + encode("2026-11-06T02:00:00+02:00") + "&channel=sms",
        s -> !s.sentAt().isBefore(day5) && s.channel().equals("sms"));
    cases.put("receivedFrom=" + received4, s -> !s.receivedAt().isBefore(received4));
    cases.put(
        "receivedBefore=" + received4 + "&subOrg=desk",
        s -> s.receivedAt().isBefore(received4) && "desk".equals(s.subOrg()));
    cases.put("participant=nobody", s -> false);
    cases.put("subOrg=nosuch", s -> false);
    for (Map.Entry<String, Predicate<Sent>> c : cases.entrySet()) {
      List<String> expected = sent.stream().filter(c.getValue()).map(Sent::id).toList();
      assertThat(listAll(org, "messages", c.getKey(), 3)).as(c.getKey()).isEqualTo(expected);
    }
  }

  @Test
  void recordingFiltersCombineAsTheyShould() {
    Org org = tenants.create();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String meta =
          call(
              "r-" + i,
              i % 2 == 0 ? "desk" : null,
              i % 3 == 0 ? "outbound" : "inbound",
              i < 3 ? "trader-a" : "trader-b",
              "2026-11-0" + (i + 1) + "T10:00:00Z");
      Api.Response posted = api.postCall(org.id(), org.key(), meta, Calls.ulaw());
      assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
      ids.add(posted.json().path("id").asString());
    }
    assertThat(listAll(org, "recordings", "", 4)).isEqualTo(ids);
    assertThat(listAll(org, "recordings", "participant=trader-a", 2)).isEqualTo(ids.subList(0, 3));
    assertThat(listAll(org, "recordings", "participant=" + encode("+442071234567"), 2))
        .isEqualTo(ids);
    assertThat(listAll(org, "recordings", "participant=trader-b&subOrg=desk", 1))
        .containsExactly(ids.get(4));
    assertThat(listAll(org, "recordings", "direction=outbound", 1))
        .containsExactly(ids.get(0), ids.get(3));
    assertThat(
            listAll(
                org,
                "recordings",
                "startedFrom=2026-11-02T00:00:00Z&startedBefore=2026-11-05T10:00:00Z"
                    + "&direction=inbound",
                1))
        .containsExactly(ids.get(1), ids.get(2));
  }

  @Test
  void timeRangesPageExactlyWhateverTheOrderOfTimesAndIntake() {
    Org org = tenants.create();
    // 3,000 messages written straight to the tables (intake would take minutes), 20 minutes of
    // intake apart over 42 days. Most were sent a minute before they were received; every 7th
    // was sent up to 49 days earlier (a phone that uploads late), every 97th 30 days after it
    // was received (a sender's clock far ahead), every 11th by another sender.
    jdbc.sql(
            """
            insert into vault_objects (id, org_id, sha256, size_bytes, wrapped_key, kek_id, created_at)
            select md5(:org || g)::uuid, :org, sha256(g::text::bytea), 1, '\\x00', 'k', now()
              from generate_series(1, 3000) g
            """)
        .param("org", org.id())
        .update();
    jdbc.sql(
            """
            insert into messages (id, org_id, intake_seq, source_id, request_digest, channel,
                direction, sender, recipients, sent_at, body_object_id, attachments, received_at,
                sent_day, received_day)
            select id, :org, g, 'bulk-' || g, '\\x00', channel, 'inbound', sender, '["+15550002"]',
                   sent, obj, '[]', received,
                   floor(extract(epoch from sent) / 86400), floor(extract(epoch from received) / 86400)
              from (select g, md5('m' || :org || g)::uuid as id, md5(:org || g)::uuid as obj,
                           case when g % 3 = 0 then 'whatsapp' else 'sms' end as channel,
                           case when g % 11 = 0 then '+15550011' else '+15550001' end as sender,
                           r - case when g % 97 = 0 then interval '-30 days'
                                    when g % 7 = 0 then (g % 50) * interval '1 day'
                                    else interval '1 minute' end as sent,
                           r as received
                      from (select g, timestamptz '2026-01-01' + g * interval '20 minutes' as r
                              from generate_series(1, 3000) g) base) m
            """)
        .param("org", org.id())
        .update();
    jdbc.sql(
            """
            insert into record_parties (org_id, kind, party, intake_seq, record_time, received_at)
            select org_id, 'message', sender, intake_seq, sent_at, received_at
              from messages where org_id = :org
            """)
        .param("org", org.id())
        .update();
    jdbc.sql("analyze messages").update();
    String[][] cases = {
      {
        "sentFrom=2026-01-20T00:00:00Z&sentBefore=2026-01-21T00:00:00Z",
        "sent_at >= '2026-01-20'" + " and sent_at < '2026-01-21'"
      },
      {
        "sentFrom=2026-01-20T07:13:00Z&sentBefore=2026-01-27T19:01:00Z",
        "sent_at >= '2026-01-20" + " 07:13Z' and sent_at < '2026-01-27 19:01Z'"
      },
      {"sentFrom=2026-02-01T00:00:00Z", "sent_at >= '2026-02-01'"},
      {"sentBefore=2025-12-20T12:00:00Z", "sent_at < '2025-12-20 12:00Z'"},
      {
        "sentFrom=2026-01-30T00:00:00Z&channel=whatsapp",
        "sent_at >= '2026-01-30'" + " and channel = 'whatsapp'"
      },
      {"receivedFrom=2026-02-05T00:00:00Z", "received_at >= '2026-02-05'"},
      {
        "receivedFrom=2026-01-10T00:00:00Z&receivedBefore=2026-01-12T06:00:00Z",
        "received_at >= '2026-01-10' and received_at < '2026-01-12 06:00Z'"
      },
      {
        "sentBefore=2026-01-05T00:00:00Z&receivedFrom=2026-02-01T00:00:00Z",
        "sent_at < '2026-01-05' and received_at >= '2026-02-01'"
      },
      {
        "sentFrom=2026-02-20T00:00:00Z&receivedBefore=2026-02-01T00:00:00Z",
        "sent_at >= '2026-02-20' and received_at < '2026-02-01'"
      },
      {
        "participant="
            + encode("+15550011")
            + "&sentFrom=2026-01-15T00:00:00Z&sentBefore="
            + "2026-01-25T00:00:00Z",
        "sender = '+15550011' and sent_at >= '2026-01-15'" + " and sent_at < '2026-01-25'"
      },
      {
        "participant=" + encode("+15550001") + "&receivedFrom=2026-02-08T00:00:00Z",
        "sender = '+15550001' and received_at >= '2026-02-08'"
      },
    };
    for (String[] c : cases) {
      List<String> expected =
          jdbc.sql(
                  "select id::text from messages where org_id = :org and "
                      + c[1]
                      + " order by intake_seq")
              .param("org", org.id())
              .query(String.class)
              .list();
      assertThat(expected).as(c[0]).hasSizeGreaterThan(3);
      assertThat(listAll(org, "messages", c[0], 37)).as(c[0]).isEqualTo(expected);
    }
  }

  @Test
  void badParametersAre400AndAuditedAsRejected() {
    Org org = tenants.create();
    postMessage(org, Messages.sms("x", "x"));
    String[] bad = {
      "cursor=not-a-cursor",
      "cursor=" + encode("aTEuLTE"),
      "limit=0",
      "limit=1001",
      "limit=ten",
      "direction=sideways",
      "channel=fax",
      "sentFrom=yesterday",
      "sentFrom=2026-11-02T00:00:00Z&sentBefore=2026-11-01T00:00:00Z",
      "startedFrom=2026-11-02T00:00:00Z",
      "subOrg=Not_A_Slug",
      "participant=+15550100",
      "direction=inbound&direction=outbound",
      "orderBy=id",
    };
    long before = auditCount("message.list", org.id(), "REJECTED");
    for (String query : bad) {
      Api.Response answer = api.get("/api/v1/orgs/" + org.id() + "/messages?" + query, org.key());
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.code()).as(query).isEqualTo("INVALID_REQUEST");
      assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(auditCount("message.list", org.id(), "REJECTED")).isEqualTo(before + bad.length);
    assertThat(list(org, "messages", "limit=1000").path("items")).hasSize(1);
  }

  @Test
  void eachListIsOneAuditEntryWithTheQueryAndWhatItReturned() {
    Org org = tenants.create();
    for (int i = 0; i < 3; i++) {
      postMessage(org, Messages.sms("a-" + i, "x"));
    }
    long before = auditCount("message.list", org.id(), "SUCCESS");
    list(org, "messages", "direction=inbound&limit=3");

    assertThat(auditCount("message.list", org.id(), "SUCCESS")).isEqualTo(before + 1);
    Map<String, Object> entry =
        jdbc.sql(
                "select actor, subject, detail from audit_log where action = 'message.list'"
                    + " and org_id = :org order by seq desc limit 1")
            .param("org", org.id())
            .query()
            .singleRow();
    assertThat(entry.get("actor")).isEqualTo("key:" + org.keyId());
    assertThat(entry.get("subject")).isEqualTo("messages?direction=inbound&limit=3");
    assertThat((String) entry.get("detail")).startsWith("items=3 intakeSeq=");
  }

  private JsonNode list(Org org, String what, String query) {
    Api.Response answer =
        api.get(
            "/api/v1/orgs/" + org.id() + "/" + what + (query.isEmpty() ? "" : "?" + query),
            org.key());
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  /** Every page of a list, followed through links.next. */
  private List<String> listAll(Org org, String what, String query, int limit) {
    List<String> ids = new ArrayList<>();
    JsonNode page = list(org, what, (query.isEmpty() ? "" : query + "&") + "limit=" + limit);
    while (true) {
      page.path("items").forEach(i -> ids.add(i.path("id").asString()));
      if (page.path("links").path("next").isNull()) {
        return ids;
      }
      Api.Response next = api.get(page.path("links").path("next").asString(), org.key());
      assertThat(next.status()).as(next.toString()).isEqualTo(200);
      page = next.json();
    }
  }

  private String postMessage(Org org, Map<String, Object> message) {
    Api.Response posted =
        api.postJson("/api/v1/orgs/" + org.id() + "/messages", org.key(), message);
    assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    return posted.json().path("id").asString();
  }

  private static String cursorParameter(@Nullable String cursor) {
    return cursor == null ? "" : "&cursor=" + cursor;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String call(
      String sourceId, @Nullable String subOrg, String direction, String userId, String startedAt) {
    String end = Instant.parse(startedAt).plusSeconds(2).toString();
    return """
        {"sourceId":"%s",%s"direction":"%s",
         "participants":[{"role":"caller","number":"+442071234567","userId":"%s"},
                         {"role":"callee","number":"+15551234567"}],
         "startedAt":"%s","endedAt":"%s"}
        """
        .formatted(
            sourceId,
            subOrg == null ? "" : "\"subOrg\":\"" + subOrg + "\",",
            direction,
            userId,
            startedAt,
            end);
  }

  private record Sent(
      String id,
      @Nullable String subOrg,
      String channel,
      String direction,
      List<String> parties,
      Instant sentAt,
      Instant receivedAt) {}
}
