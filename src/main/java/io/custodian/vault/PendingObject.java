package io.custodian.vault;

import io.custodian.vault.internal.DurableFiles;
import io.custodian.vault.internal.SyncingFileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * An object being written: plaintext goes in through {@link #content()}, is hashed and encrypted on
 * the way, and lands in a temporary file. {@link #seal()} makes it durable under its final name;
 * {@link #close()} without sealing deletes everything written.
 */
public final class PendingObject implements AutoCloseable {

  private final UUID id;
  private final String orgId;
  private final Path temporary;
  private final Path target;
  private final SyncingFileOutputStream file;
  private final OutputStream encrypting;
  private final MessageDigest digest;
  private final byte[] wrappedKey;
  private final String kekId;
  private final OutputStream content;
  private long size;
  private boolean sealed;

  PendingObject(
      UUID id,
      String orgId,
      Path temporary,
      Path target,
      SyncingFileOutputStream file,
      OutputStream encrypting,
      byte[] wrappedKey,
      String kekId)
      throws IOException {
    this.id = id;
    this.orgId = orgId;
    this.temporary = temporary;
    this.target = target;
    this.file = file;
    this.encrypting = encrypting;
    this.wrappedKey = wrappedKey;
    this.kekId = kekId;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IOException(e);
    }
    this.content =
        new FilterOutputStream(encrypting) {
          @Override
          public void write(int b) throws IOException {
            digest.update((byte) b);
            size++;
            encrypting.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            digest.update(b, off, len);
            size += len;
            encrypting.write(b, off, len);
          }

          @Override
          public void close() {
            // sealing closes the encrypting stream; callers must not end it early
          }
        };
  }

  /** The object's id, known before it is sealed. */
  public UUID id() {
    return id;
  }

  /** Where the plaintext goes; closing it has no effect. */
  public OutputStream content() {
    return content;
  }

  /** Finishes encryption, fsyncs, renames to the final name and fsyncs the directory. */
  public StoredObject seal() throws IOException {
    encrypting.close();
    DurableFiles.publish(temporary, target);
    sealed = true;
    return new StoredObject(id, orgId, digest.digest(), size, wrappedKey, kekId);
  }

  /** Deletes what was written unless the object was sealed. */
  @Override
  public void close() throws IOException {
    if (!sealed) {
      file.abandon();
      Files.deleteIfExists(temporary);
    }
  }
}
