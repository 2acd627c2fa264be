package io.custodian.offload.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;

/**
 * A file's bytes on their way to the server, counted so that a short or long file is never renamed.
 * Besides writing, it can read a stream straight into the packets it sends ({@link #transferFrom}),
 * which spares a copy through the caller's buffer.
 */
public final class Upload extends OutputStream {

  private final SftpOutputStreamAsync remote;
  private long count;

  Upload(SftpOutputStreamAsync remote) {
    this.remote = remote;
  }

  @Override
  public void write(int b) throws IOException {
    remote.write(b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    remote.write(b, off, len);
    count += len;
  }

  /**
   * Sends what is left of {@code in}, read into the packets' own buffers, after anything written
   * before; does not close {@code in}.
   *
   * @return how many bytes were read and sent
   */
  public long transferFrom(InputStream in) throws IOException {
    long sent = remote.transferFrom(in);
    count += sent;
    return sent;
  }

  long count() {
    return count;
  }

  /** Sends what is buffered, without waiting for the server's answers. */
  @Override
  public void flush() throws IOException {
    remote.flush();
  }

  /** Sends what is buffered and waits until the server has answered every write. */
  @Override
  public void close() throws IOException {
    remote.close();
  }
}
