// The SMTP server of bench/offload-smtp: GreenMail's SMTP on a loopback port, plain, no AUTH, keeping what it
// receives in memory, one mailbox per recipient. A small HTTP control port (JDK's com.sun.net.httpserver) lets
// the driver count what a mailbox holds, dump it as .eml files and empty the server between runs.
// Run with GreenMail and Angus Mail on the class path (see bench/offload-smtp):
//
//   java -cp CLASSPATH MailServer SMTP_PORT CONTROL_PORT
//
//   GET  /stats?mailbox=ADDRESS   messages=N distinct=M bytes=B digest=HEX (over the messages as sent, any order)
//   POST /dump?mailbox=ADDRESS&dir=DIR   writes each message as sent to DIR/NNNNNN.eml; answers files=N
//   POST /purge                   empties every mailbox

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

public class MailServer {

  final GreenMail greenMail;

  MailServer(int smtpPort) {
    ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    smtp.setServerStartupTimeout(30_000);
    greenMail = new GreenMail(smtp).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
  }

  public static void main(String[] args) throws Exception {
    MailServer server = new MailServer(Integer.parseInt(args[0]));
    server.greenMail.start();
    HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 8);
    control.createContext("/stats", e -> server.answer(e, () -> server.stats(query(e).get("mailbox"))));
    control.createContext("/dump", e -> server.answer(e,
        () -> server.dump(query(e).get("mailbox"), Path.of(query(e).get("dir")))));
    control.createContext("/purge", e -> server.answer(e, () -> {
      server.greenMail.purgeEmailFromAllMailboxes();
      return "purged";
    }));
    control.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      control.stop(0);
      server.greenMail.stop();
    }));
    System.out.println("ready: SMTP on 127.0.0.1:" + server.greenMail.getSmtp().getPort());
  }

  interface Answer {
    String get() throws Exception;
  }

  void answer(HttpExchange exchange, Answer answer) throws IOException {
    int status = 200;
    String text;
    try {
      text = answer.get();
    } catch (Exception e) {
      status = 500;
      text = e.toString();
    }
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> params = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  /** The mailbox's messages, each as its sender sent it. */
  List<Received> mailbox(String address) throws Exception {
    GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
    List<Received> received = new ArrayList<>();
    if (user == null) {
      return received;
    }
    for (StoredMessage stored : greenMail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      stored.getMimeMessage().writeTo(out);
      received.add(new Received(stored.getMimeMessage().getMessageID(), asSent(out.toByteArray())));
    }
    return received;
  }

  record Received(String messageId, byte[] bytes) {}

  String stats(String address) throws Exception {
    List<Received> received = mailbox(address);
    Set<String> ids = new HashSet<>();
    long bytes = 0;
    List<String> digests = new ArrayList<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Received r : received) {
      if (r.messageId() != null) {
        ids.add(r.messageId());
      }
      bytes += r.bytes().length;
      digests.add(HexFormat.of().formatHex(sha.digest(r.bytes())));
    }
    digests.sort(null);
    for (String d : digests) {
      sha.update(d.getBytes(StandardCharsets.US_ASCII));
    }
    return String.format(Locale.ROOT, "messages=%d distinct=%d bytes=%d digest=%s", received.size(), ids.size(),
        bytes, HexFormat.of().formatHex(sha.digest()));
  }

  String dump(String address, Path dir) throws Exception {
    Files.createDirectories(dir);
    int n = 0;
    for (Received r : mailbox(address)) {
      Files.write(dir.resolve(String.format(Locale.ROOT, "%06d.eml", n++)), r.bytes());
    }
    return "files=" + n;
  }

  /**
   * The message as its sender sent it: what GreenMail stored, less the Return-Path and Received lines it put in
   * front, and with the CRLF that ends the last line, which GreenMail stores without (as the project's
   * SmtpConnectionTest reads it back).
   */
  static byte[] asSent(byte[] stored) {
    int start = 0;
    while (startsWith(stored, start, "Return-Path:") || startsWith(stored, start, "Received:")) {
      start = nextHeader(stored, start);
    }
    byte[] sent = Arrays.copyOfRange(stored, start, stored.length + 2);
    if (stored.length >= 2 && stored[stored.length - 2] == '\r' && stored[stored.length - 1] == '\n') {
      return Arrays.copyOf(sent, sent.length - 2);
    }
    sent[sent.length - 2] = '\r';
    sent[sent.length - 1] = '\n';
    return sent;
  }

  static boolean startsWith(byte[] bytes, int at, String name) {
    return bytes.length - at >= name.length()
        && new String(bytes, at, name.length(), StandardCharsets.US_ASCII).equalsIgnoreCase(name);
  }

  static int nextHeader(byte[] bytes, int at) {
    int i = at;
    while (true) {
      while (bytes[i] != '\n') {
        i++;
      }
      i++;
      if (bytes[i] != ' ' && bytes[i] != '\t') {
        return i;
      }
    }
  }
}
