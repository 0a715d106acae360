package io.phaseflow.engine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder from a spare loopback port to a shared server: a test can make "the broker" be
 * down (nothing listens), come up, or drop every connection, without touching the server that other
 * tests use. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {
  private final int port;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private ServerSocket server;

  public TcpProxy(int port, String targetHost, int targetPort) {
    this.port = port;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  public int port() {
    return port;
  }

  /** Listens and forwards until {@link #stop()}. */
  public synchronized TcpProxy start() throws IOException {
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    ServerSocket listening = server;
    daemon(
        () -> {
          while (!listening.isClosed()) {
            try {
              Socket client = listening.accept();
              Socket upstream = new Socket(targetHost, targetPort);
              sockets.add(client);
              sockets.add(upstream);
              daemon(() -> pump(client, upstream));
              daemon(() -> pump(upstream, client));
            } catch (IOException e) {
              return; // closed
            }
          }
        });
    return this;
  }

  /** Stops listening and drops every connection, as a server that died would. */
  public synchronized void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    sockets.clear();
  }

  @Override
  public void close() {
    stop();
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ignored) {
      // one side went away
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "tcp-proxy");
    t.setDaemon(true);
    t.start();
  }
}
