package io.custodian.offload.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories for SMTP that turn Nagle's algorithm off. Jakarta Mail writes a message's last
 * part and the end of its data as small segments; with Nagle on, the last of them waited for the
 * server's delayed acknowledgement, about 40 ms, before the server could answer 250.
 */
final class NoDelaySockets {

  private NoDelaySockets() {}

  /** Plain sockets (also those STARTTLS then upgrades). */
  static SocketFactory plain() {
    return new Plain(SocketFactory.getDefault());
  }

  /** TLS sockets from {@code tls}, for implicit TLS and for the STARTTLS upgrade. */
  static SSLSocketFactory tls(SSLSocketFactory tls) {
    return new Tls(tls);
  }

  private static <S extends Socket> S noDelay(S socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }

  private static final class Plain extends SocketFactory {
    private final SocketFactory delegate;

    Plain(SocketFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(host, port, local, localPort));
    }
  }

  private static final class Tls extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    Tls(SSLSocketFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose)
        throws IOException {
      return noDelay(delegate.createSocket(plain, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(host, port, local, localPort));
    }
  }
}
