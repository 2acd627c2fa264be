package io.custodian.vault;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Encrypts throwaway data once after start, on a background thread, so that the JIT compiles the
 * AES-GCM path with its CPU intrinsics before intake needs it: cold, GHASH runs as plain Java for
 * the first ~1000 recordings, some 20 times slower. A new key, no file, nothing kept; readiness is
 * not delayed. {@code custodian.vault.cipher-warm-up} sets how much; 0 turns it off.
 */
@Component
class CipherWarmUp {

  private static final Logger log = LoggerFactory.getLogger(CipherWarmUp.class);

  /**
   * Each object is one segment just over the JDK's 64 KiB threshold, above which AES-GCM takes the
   * bulk path that recordings take; written in 64 KiB pieces and hashed like {@link PendingObject}.
   */
  static final int OBJECT_SIZE = 72 * 1024;

  private static final int PIECE = 64 * 1024;

  private final VaultSettings settings;
  private volatile @Nullable Thread thread;

  CipherWarmUp(VaultSettings settings) {
    this.settings = settings;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    long bytes = settings.cipherWarmUp().toBytes();
    if (bytes <= 0) {
      return;
    }
    Thread warmUp = new Thread(() -> run(bytes), "custodian-cipher-warm-up");
    warmUp.setDaemon(true);
    warmUp.setPriority(Thread.MIN_PRIORITY);
    thread = warmUp;
    warmUp.start();
  }

  /** The warm-up's thread once started, for tests. */
  @Nullable Thread thread() {
    return thread;
  }

  /** Stops a warm-up still running, as the application closes. */
  @PreDestroy
  void stop() {
    Thread warmUp = thread;
    if (warmUp != null) {
      warmUp.interrupt();
    }
  }

  private static void run(long bytes) {
    long started = System.nanoTime();
    try {
      int objects = encrypt(bytes);
      log.info(
          "Warmed up AES-GCM: {} throwaway objects ({} MB) encrypted in {} ms",
          objects,
          (long) objects * OBJECT_SIZE / 1_000_000,
          (System.nanoTime() - started) / 1_000_000);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      log.warn("AES-GCM warm-up failed; intake is slower until the JIT catches up", e);
    }
  }

  /**
   * Encrypts about {@code bytes} of zeros as objects of {@link #OBJECT_SIZE} under a new data key,
   * into nothing; stops early when the thread is interrupted. Returns how many objects it made.
   */
  static int encrypt(long bytes) throws GeneralSecurityException, IOException {
    StreamingAeadConfig.register();
    KeysetHandle key = KeysetHandle.generateNew(DataKeys.PARAMETERS, RegistryConfiguration.get());
    StreamingAead aead = key.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    byte[] plaintext = new byte[OBJECT_SIZE];
    byte[] associatedData = "custodian warm-up".getBytes(StandardCharsets.US_ASCII);
    int objects = 0;
    for (long done = 0; done < bytes; done += OBJECT_SIZE) {
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
      try (OutputStream out = aead.newEncryptingStream(new Discarding(), associatedData)) {
        for (int off = 0; off < OBJECT_SIZE; off += PIECE) {
          int len = Math.min(PIECE, OBJECT_SIZE - off);
          sha256.update(plaintext, off, len);
          out.write(plaintext, off, len);
        }
      }
      sha256.digest();
      objects++;
    }
    return objects;
  }

  /** Where the ciphertext goes: nowhere. */
  private static final class Discarding extends OutputStream {

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
