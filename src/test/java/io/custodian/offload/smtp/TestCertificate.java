package io.custodian.offload.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate made when the tests run (never committed), for {@code localhost}
 * and {@code 127.0.0.1}, so that host names are checked in the tests as in production. GreenMail
 * reads its TLS key from a key store named by system properties, once per JVM: so one certificate
 * serves every test of the JVM.
 */
public final class TestCertificate {

  static final String PASSWORD = "test-only";

  /** The certificate the test servers present. */
  public static final TestCertificate SERVER = create("localhost");

  /** Another one, which no test server presents. */
  static final TestCertificate OTHER = create("localhost");

  final KeyPair keys;
  final X509Certificate certificate;

  private TestCertificate(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  private static TestCertificate create(String name) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair keys = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=" + name);
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(2))),
              subject,
              keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, name),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      return new TestCertificate(keys, certificate);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The certificate in PEM, as an operator would paste it into a destination. */
  public String pem() {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(certificate);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /** TLS for a test server presenting this certificate. */
  SSLContext serverContext() {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore(), PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private KeyStore keyStore() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "server", keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {certificate});
    return store;
  }

  /** Points GreenMail's SMTPS at the {@link #SERVER} key, before its first TLS server starts. */
  static synchronized void installForGreenMail() {
    if (System.getProperty("greenmail.tls.keystore.file") != null) {
      return;
    }
    try {
      Path file = Files.createTempFile("custodian-smtp-test", ".p12");
      file.toFile().deleteOnExit();
      try (OutputStream out = Files.newOutputStream(file)) {
        SERVER.keyStore().store(out, PASSWORD.toCharArray());
      }
      System.setProperty("greenmail.tls.keystore.file", file.toString());
      System.setProperty("greenmail.tls.keystore.password", PASSWORD);
      System.setProperty("greenmail.tls.key.password", PASSWORD);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
