package io.custodian.ingest.web;

import io.custodian.ingest.UploadPart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Builds multipart bodies, reads them back through {@link FormDataReader}, chunked at random. */
final class Forms {

  private Forms() {}

  /** A part as read: its field name and every byte of its body. */
  record Part(String name, byte[] body) {

    static Part of(String name, String body) {
      return new Part(name, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Part p && p.name.equals(name) && Arrays.equals(p.body, body);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
      return name + "(" + body.length + " bytes)";
    }
  }

  /** A well-formed body with the given parts, as curl and browsers write it. */
  static byte[] body(String boundary, List<Part> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Part part : parts) {
      ascii(out, "--" + boundary + "\r\n");
      ascii(out, "Content-Disposition: form-data; name=\"" + part.name() + "\"\r\n");
      ascii(out, "Content-Type: application/octet-stream\r\n\r\n");
      out.writeBytes(part.body());
      ascii(out, "\r\n");
    }
    ascii(out, "--" + boundary + "--\r\n");
    return out.toByteArray();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(ascii(s));
  }

  /** Reads every part with default window and plain reads. */
  static List<Part> read(String contentType, byte[] body) throws IOException {
    return read(contentType, new ByteArrayInputStream(body), DelimitedBuffer.SIZE, null);
  }

  static List<Part> read(String contentType, byte[] body, long maxBytes) throws IOException {
    return read(contentType, new ByteArrayInputStream(body), maxBytes, DelimitedBuffer.SIZE, null);
  }

  /**
   * Reads every part through a window of {@code window} bytes; with {@code random}, the request
   * stream and each part body hand out pieces of 1 byte to 64 KiB.
   */
  static List<Part> read(String contentType, InputStream in, int window, Random random)
      throws IOException {
    return read(contentType, in, Long.MAX_VALUE, window, random);
  }

  private static List<Part> read(
      String contentType, InputStream in, long maxBytes, int window, Random random)
      throws IOException {
    InputStream source = random == null ? in : new Chunked(in, random);
    FormDataReader reader = FormDataReader.open(contentType, source, maxBytes, window);
    List<Part> parts = new ArrayList<>();
    for (UploadPart part = reader.next(); part != null; part = reader.next()) {
      parts.add(new Part(part.name(), drain(part.body(), random)));
    }
    return parts;
  }

  private static byte[] drain(InputStream body, Random random) throws IOException {
    if (random == null) {
      return body.readAllBytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    while (true) {
      if (random.nextInt(8) == 0) {
        int b = body.read();
        if (b < 0) {
          break;
        }
        out.write(b);
        continue;
      }
      int n = body.read(buffer, 0, pieceSize(random));
      if (n < 0) {
        break;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** 1 byte to 64 KiB, small sizes as likely as large ones. */
  static int pieceSize(Random random) {
    return (int) Math.min(65536, Math.exp(random.nextDouble() * Math.log(65537)));
  }

  /** Hands out what it reads in pieces of random size, as a network does. */
  static final class Chunked extends InputStream {

    private final InputStream in;
    private final Random random;

    Chunked(InputStream in, Random random) {
      this.in = in;
      this.random = random;
    }

    @Override
    public int read() throws IOException {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, Math.min(len, pieceSize(random)));
    }
  }
}
