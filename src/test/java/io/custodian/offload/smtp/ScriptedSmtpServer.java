package io.custodian.offload.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP responder on loopback for the replies GreenMail never gives (421, 451, 550 for one
 * recipient, 554 after data, a connection dropped before the reply): each reply comes from a
 * script, given the command and how many messages this server has taken data for so far. It speaks
 * just enough SMTP for Jakarta Mail; every message stands in for the real server GreenMail is
 * elsewhere.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

  /** Drops the connection instead of replying. */
  public static final String DROP = "DROP";

  /** The replies. */
  @FunctionalInterface
  public interface Script {
    /**
     * @param command the command line, or {@code "."} for the end of a message's data
     * @param message the number of messages whose data came before this one, from 0
     * @return the reply (without CRLF), {@link #DROP}, or null for the usual one
     */
    String reply(String command, int message);
  }

  private final ServerSocket listener;
  private final Script script;
  private final String greeting;
  private final boolean smtpUtf8;
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final List<byte[]> data = new CopyOnWriteArrayList<>();
  private final AtomicInteger messages = new AtomicInteger();

  public ScriptedSmtpServer(Script script) throws IOException {
    this(script, "220 scripted ESMTP", false);
  }

  public ScriptedSmtpServer(Script script, String greeting, boolean smtpUtf8) throws IOException {
    this.script = script;
    this.greeting = greeting;
    this.smtpUtf8 = smtpUtf8;
    this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "scripted-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Every command received, in order, {@code "."} for each end of data. */
  public List<String> commands() {
    return commands;
  }

  /** The data of every message received in full, as it came (dot-stuffing removed). */
  public List<byte[]> data() {
    return data;
  }

  SmtpEndpoint endpoint() {
    return MailServer.endpoint(SmtpEndpoint.Tls.NONE, port(), null, null, null);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Thread session = new Thread(() -> serve(client), "scripted-smtp-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      send(out, greeting);
      if (!greeting.startsWith("220")) {
        return;
      }
      String line;
      while ((line = line(in)) != null) {
        commands.add(line);
        String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
        String reply = script.reply(line, messages.get());
        if (DROP.equals(reply)) {
          return;
        }
        switch (verb) {
          case "EHLO" ->
              send(
                  out,
                  "250-scripted\r\n250-8BITMIME\r\n"
                      + (smtpUtf8 ? "250-SMTPUTF8\r\n" : "")
                      + "250 PIPELINING");
          case "DATA" -> {
            send(out, reply == null ? "354 go ahead" : reply);
            if (reply == null || reply.startsWith("354")) {
              byte[] message = data(in);
              String end = script.reply(".", messages.get());
              commands.add(".");
              data.add(message);
              messages.incrementAndGet();
              if (DROP.equals(end)) {
                return;
              }
              send(out, end == null ? "250 2.0.0 Ok: queued as Q" + messages.get() : end);
            }
          }
          case "QUIT" -> {
            send(out, "221 bye");
            return;
          }
          default -> send(out, reply == null ? "250 OK" : reply);
        }
        if (reply != null && reply.startsWith("421")) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static void send(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static byte[] data(InputStream in) throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (true) {
      byte[] line = rawLine(in);
      if (line == null || (line.length == 3 && line[0] == '.')) {
        return message.toByteArray();
      }
      int from = line.length > 0 && line[0] == '.' ? 1 : 0;
      message.write(line, from, line.length - from);
    }
  }

  private static String line(InputStream in) throws IOException {
    byte[] line = rawLine(in);
    if (line == null) {
      return null;
    }
    int length = line.length;
    while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) {
      length--;
    }
    return new String(line, 0, length, StandardCharsets.UTF_8);
  }

  /** One line, CRLF included; null at the end of the stream. */
  private static byte[] rawLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n') {
        return line.toByteArray();
      }
    }
    return line.size() == 0 ? null : line.toByteArray();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
