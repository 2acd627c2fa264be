// The plain peer of bench/api: the JDK's own HTTP server (com.sun.net.httpserver) sending files of one
// directory as they are, GET /files/{name}, HTTP/1.1 with keep-alive and Content-Length, on a pool of threads.
// No authentication, decryption, hashing or audit: what serving the same bytes costs without a vault.
//
//   java PeerServer.java DIRECTORY PORT THREADS

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

public class PeerServer {

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]).toAbsolutePath().normalize();
    int port = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.createContext("/files/", exchange -> {
      try (exchange) {
        String name = exchange.getRequestURI().getPath().substring("/files/".length());
        Path file = dir.resolve(name).normalize();
        if (!"GET".equals(exchange.getRequestMethod()) || name.contains("/") || !file.startsWith(dir)
            || !Files.isRegularFile(file)) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", "audio/wav");
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = exchange.getResponseBody()) {
          Files.copy(file, out);
        }
      }
    });
    server.setExecutor(Executors.newFixedThreadPool(threads));
    server.start();
    System.out.println("ready on 127.0.0.1:" + port + " serving " + dir);
  }
}
