package io.custodian.offload.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts only the certificates an operator gave, in PEM: the server's own self-signed
 * certificate, or the private CA that signed it. The JDK's PKIX checks still apply (validity, and
 * with the connection's host name check, the name), so this narrows trust, never widens it.
 */
public final class TrustedCertificates {

  private TrustedCertificates() {}

  /**
   * A socket factory trusting exactly the PEM certificates given.
   *
   * @throws IOException if the text holds no certificate or one that cannot be read
   */
  public static SSLSocketFactory socketFactory(String pem) throws IOException {
    try {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      if (certificates.isEmpty()) {
        throw new IOException("no certificate in the trusted certificates");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("trusted-" + i++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IOException("the trusted certificates are not readable", e);
    }
  }
}
