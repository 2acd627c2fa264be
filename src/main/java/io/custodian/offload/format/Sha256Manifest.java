package io.custodian.offload.format;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * A batch's manifest in the format of GNU {@code sha256sum}: one {@code <64 hex> <file name>} line
 * per file, LF-terminated, so that {@code sha256sum -c} in the batch directory checks the batch
 * with no tool of ours. Names are plain ({@link FileNames}), so no line needs sha256sum's escaping.
 */
public final class Sha256Manifest implements Closeable {

  private final Writer out;
  private final Set<String> names = new HashSet<>();

  /** Closing this closes {@code out}. */
  public Sha256Manifest(OutputStream out) {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII));
  }

  /**
   * Adds one file's line.
   *
   * @param sha256 its SHA-256, 64 lower-case hex digits
   * @throws IllegalArgumentException if the name is not plain or already listed, or the digest is
   *     not lower-case hex
   */
  public void add(String fileName, String sha256) throws IOException {
    out.write(line(fileName, sha256));
  }

  /** Adds one file's line from its 32-byte digest. */
  public void add(String fileName, byte[] sha256) throws IOException {
    add(fileName, Sha256Hex.of(sha256));
  }

  /** The files listed so far. */
  public int size() {
    return names.size();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private String line(String fileName, String sha256) {
    Sha256Hex.require(sha256);
    FileNames.requirePlain(fileName);
    if (!names.add(fileName)) {
      throw new IllegalArgumentException("listed twice: " + fileName);
    }
    return sha256 + "  " + fileName + "\n";
  }
}
