package io.custodian.offload.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;

/**
 * STARTTLS in front of GreenMail, which does not implement it: answers EHLO with the server's own
 * reply plus {@code STARTTLS}, and on {@code STARTTLS} switches the client's side to TLS (with the
 * test certificate) and from then on relays bytes both ways, so everything after the upgrade, EHLO,
 * AUTH and the messages included, is GreenMail's own doing.
 */
public final class StartTlsFront implements AutoCloseable {

  private final ServerSocket listener;
  private final int backend;
  private final AtomicInteger upgraded = new AtomicInteger();
  private final Thread acceptor;

  public StartTlsFront(int backend) throws IOException {
    this.backend = backend;
    this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "starttls-front");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** How many sessions were switched to TLS. */
  public int upgraded() {
    return upgraded.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Thread session = new Thread(() -> serve(client), "starttls-front-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client;
        Socket server = new Socket(InetAddress.getLoopbackAddress(), backend)) {
      InputStream fromServer = server.getInputStream();
      OutputStream toServer = server.getOutputStream();
      InputStream fromClient = client.getInputStream();
      OutputStream toClient = client.getOutputStream();
      toClient.write(reply(fromServer).getBytes(StandardCharsets.US_ASCII));
      while (true) {
        String command = line(fromClient);
        if (command == null) {
          return;
        }
        if (command.toUpperCase(java.util.Locale.ROOT).startsWith("EHLO")) {
          toServer.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
          String reply = reply(fromServer);
          int firstLine = reply.indexOf("\r\n") + 2;
          String first = reply.substring(0, firstLine).replaceFirst("^250 ", "250-");
          String rest = reply.substring(firstLine);
          toClient.write(
              (first + "250-STARTTLS\r\n" + (rest.isEmpty() ? "250 HELP\r\n" : rest))
                  .getBytes(StandardCharsets.US_ASCII));
        } else if (command.equalsIgnoreCase("STARTTLS")) {
          toClient.write("220 2.0.0 Ready to start TLS\r\n".getBytes(StandardCharsets.US_ASCII));
          toClient.flush();
          SSLSocket tls =
              (SSLSocket)
                  TestCertificate.SERVER
                      .serverContext()
                      .getSocketFactory()
                      .createSocket(client, null, true);
          tls.setUseClientMode(false);
          tls.startHandshake();
          upgraded.incrementAndGet();
          relay(tls, server);
          return;
        } else {
          toServer.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
          toClient.write(reply(fromServer).getBytes(StandardCharsets.US_ASCII));
        }
      }
    } catch (IOException e) {
      // the client or the server went away
    }
  }

  private static void relay(Socket client, Socket server) throws IOException {
    Thread up =
        new Thread(
            () -> {
              try {
                client.getInputStream().transferTo(server.getOutputStream());
              } catch (IOException e) {
                // closed
              } finally {
                close(server);
              }
            },
            "starttls-front-up");
    up.setDaemon(true);
    up.start();
    try {
      server.getInputStream().transferTo(client.getOutputStream());
    } finally {
      close(client);
    }
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /** One SMTP reply, all its lines, CRLF included. */
  private static String reply(InputStream in) throws IOException {
    StringBuilder reply = new StringBuilder();
    String line;
    do {
      line = line(in);
      if (line == null) {
        throw new IOException("the server closed the connection");
      }
      reply.append(line).append("\r\n");
    } while (line.length() > 3 && line.charAt(3) == '-');
    return reply.toString();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
      }
      line.write(b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
