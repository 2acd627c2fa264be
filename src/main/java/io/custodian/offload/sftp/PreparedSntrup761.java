package io.custodian.offload.sftp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.digest.Digest;
import org.apache.sshd.common.kex.AbstractDH;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.BuiltinKEM;
import org.apache.sshd.common.kex.DHFactory;
import org.apache.sshd.common.kex.KeyEncapsulationMethod;
import org.apache.sshd.common.kex.MontgomeryCurve;
import org.apache.sshd.common.kex.XDH;
import org.apache.sshd.common.random.JceRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKEMExtractor;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyPairGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePrivateKeyParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePublicKeyParameters;

/**
 * The client's side of {@code sntrup761x25519-sha512} (and its older name {@code …@openssh.com})
 * with the Streamlined NTRU Prime key pair made ahead of time. BouncyCastle takes about a tenth of
 * a second of CPU to make one, which a batch's connection would otherwise wait for in the middle of
 * its key exchange (120 to 160 ms in all, against 23 to 27 ms with {@code curve25519-sha256}, to
 * OpenSSH on loopback). When a pair is taken, the next one is made on a background thread, ready
 * for the next connection or re-key. Each pair serves one key exchange only; when none is ready,
 * one is made on the spot, as MINA itself does. The X25519 half, the server's side and everything
 * else are MINA's and BouncyCastle's.
 */
final class PreparedSntrup761 implements KeyEncapsulationMethod {

  static final PreparedSntrup761 INSTANCE = new PreparedSntrup761();

  /** The key exchanges this replaces in MINA's list, under the same names. */
  static final List<DHFactory> FACTORIES =
      List.of(
          factory(BuiltinDHFactories.sntrup761x25519),
          factory(BuiltinDHFactories.sntrup761x25519_openssh));

  private final AtomicReference<CompletableFuture<AsymmetricCipherKeyPair>> next =
      new AtomicReference<>();
  private final AtomicLong taken = new AtomicLong();
  private final Executor maker =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "sftp-kem-keys");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
          });

  private PreparedSntrup761() {}

  /** The factory of this class under {@code kex}'s name, or {@code kex} itself. */
  static DHFactory inPlaceOf(DHFactory kex) {
    for (DHFactory prepared : FACTORIES) {
      if (prepared.getName().equals(kex.getName())) {
        return prepared;
      }
    }
    return kex;
  }

  /** A key pair no key exchange has used, and the next one started. */
  AsymmetricCipherKeyPair take() {
    taken.incrementAndGet();
    CompletableFuture<AsymmetricCipherKeyPair> ready =
        next.getAndSet(CompletableFuture.supplyAsync(PreparedSntrup761::generate, maker));
    if (ready != null) {
      try {
        return ready.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        // made on the spot below
      }
    }
    return generate();
  }

  /** How many key pairs key exchanges have taken. */
  long taken() {
    return taken.get();
  }

  /** Whether the next key pair is made and waiting. */
  boolean ready() {
    CompletableFuture<AsymmetricCipherKeyPair> waiting = next.get();
    return waiting != null && waiting.isDone() && !waiting.isCompletedExceptionally();
  }

  private static AsymmetricCipherKeyPair generate() {
    SNTRUPrimeKeyPairGenerator generator = new SNTRUPrimeKeyPairGenerator();
    generator.init(
        new SNTRUPrimeKeyGenerationParameters(
            JceRandom.getGlobalInstance(), SNTRUPrimeParameters.sntrup761));
    return generator.generateKeyPair();
  }

  @Override
  public Client getClient() {
    return new Client() {
      private SNTRUPrimeKEMExtractor extractor;
      private byte[] publicKey;

      @Override
      public void init() {
        AsymmetricCipherKeyPair pair = take();
        extractor = new SNTRUPrimeKEMExtractor((SNTRUPrimePrivateKeyParameters) pair.getPrivate());
        publicKey = ((SNTRUPrimePublicKeyParameters) pair.getPublic()).getEncoded();
      }

      @Override
      public byte[] getPublicKey() {
        return publicKey;
      }

      @Override
      public byte[] extractSecret(byte[] encapsulated) {
        if (encapsulated.length != extractor.getEncapsulationLength()) {
          throw new IllegalArgumentException(
              "KEM encapsulation has the wrong length: " + encapsulated.length);
        }
        return extractor.extractSecret(encapsulated);
      }

      @Override
      public int getEncapsulationLength() {
        return extractor.getEncapsulationLength();
      }
    };
  }

  @Override
  public Server getServer() {
    return BuiltinKEM.sntrup761.getServer();
  }

  private static DHFactory factory(BuiltinDHFactories replaced) {
    return new DHFactory() {
      @Override
      public String getName() {
        return replaced.getName();
      }

      @Override
      public boolean isSupported() {
        return replaced.isSupported();
      }

      @Override
      public boolean isGroupExchange() {
        return false;
      }

      @Override
      public AbstractDH create(Object... parameters) throws Exception {
        if (parameters.length > 0) {
          throw new IllegalArgumentException("No parameters for " + getName());
        }
        return new XDH(MontgomeryCurve.x25519, true) {
          @Override
          public KeyEncapsulationMethod getKeyEncapsulation() {
            return INSTANCE;
          }

          @Override
          public Digest getHash() {
            return BuiltinDigests.sha512.create();
          }
        };
      }
    };
  }
}
