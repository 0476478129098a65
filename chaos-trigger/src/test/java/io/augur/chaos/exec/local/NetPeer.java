package io.augur.chaos.exec.local;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The far and near ends of the network namespace tests, run with {@code ip netns exec NS java -cp
 * ... NetPeer ...} (a JVM cannot enter another namespace itself). Only the JDK; one line of output
 * each.
 *
 * <ul>
 *   <li>{@code sink IP PORT}: prints {@code ready}, then for each connection reads to EOF and
 *       answers one byte, until killed;
 *   <li>{@code send IP PORT BYTES TIMEOUT_MS}: sends BYTES, waits for the answer, prints {@code
 *       sent BYTES NANOS} (exit 0) or {@code failed ...} (exit 2);
 *   <li>{@code udp-count IP PORT IDLE_MS}: prints {@code ready}, counts datagrams until none came
 *       for IDLE_MS after the first, prints {@code received N};
 *   <li>{@code udp-send IP PORT N}: sends N datagrams of 64 bytes (counting those the local stack
 *       refused).
 * </ul>
 */
public final class NetPeer {
  private NetPeer() {}

  public static void main(String[] a) throws Exception {
    switch (a[0]) {
      case "sink" -> sink(a[1], Integer.parseInt(a[2]));
      case "send" ->
          System.exit(
              send(a[1], Integer.parseInt(a[2]), Long.parseLong(a[3]), Integer.parseInt(a[4])));
      case "udp-count" -> udpCount(a[1], Integer.parseInt(a[2]), Integer.parseInt(a[3]));
      case "udp-send" -> udpSend(a[1], Integer.parseInt(a[2]), Integer.parseInt(a[3]));
      default -> throw new IllegalArgumentException("unknown NetPeer command " + a[0]);
    }
  }

  private static void sink(String ip, int port) throws Exception {
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
      System.out.println("ready");
      System.out.flush();
      byte[] buf = new byte[64 * 1024];
      while (true) {
        try (Socket s = server.accept()) {
          s.setSoTimeout(30_000);
          InputStream in = s.getInputStream();
          while (in.read(buf) >= 0) {
            // discard
          }
          s.getOutputStream().write(1);
        } catch (Exception e) {
          // one broken connection does not end the sink
        }
      }
    }
  }

  private static int send(String ip, int port, long bytes, int timeoutMs) {
    long t0 = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getByName(ip), port), timeoutMs);
      s.setSoTimeout(timeoutMs);
      OutputStream out = s.getOutputStream();
      byte[] buf = new byte[16 * 1024];
      long left = bytes;
      while (left > 0) {
        int n = (int) Math.min(buf.length, left);
        out.write(buf, 0, n);
        left -= n;
      }
      s.shutdownOutput();
      if (s.getInputStream().read() != 1) {
        System.out.println("failed no answer");
        return 2;
      }
      System.out.println("sent " + bytes + " " + (System.nanoTime() - t0));
      return 0;
    } catch (Exception e) {
      System.out.println("failed " + e);
      return 2;
    }
  }

  private static void udpCount(String ip, int port, int idleMs) throws Exception {
    try (DatagramSocket s =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), port))) {
      System.out.println("ready");
      System.out.flush();
      s.setReceiveBufferSize(4 << 20);
      byte[] buf = new byte[2048];
      int n = 0;
      s.setSoTimeout(20_000);
      while (true) {
        try {
          s.receive(new DatagramPacket(buf, buf.length));
          n++;
          s.setSoTimeout(idleMs);
        } catch (SocketTimeoutException e) {
          break;
        }
      }
      System.out.println("received " + n);
    }
  }

  private static void udpSend(String ip, int port, int n) throws Exception {
    try (DatagramSocket s = new DatagramSocket()) {
      byte[] buf = new byte[64];
      InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(ip), port);
      int refused = 0;
      for (int i = 0; i < n; i++) {
        try {
          s.send(new DatagramPacket(buf, buf.length, to));
        } catch (java.io.IOException e) {
          refused++; // a drop in the sender's own output hook shows as EPERM: lost all the same
        }
        if (i % 10 == 9) {
          Thread.sleep(
              1); // pace the burst so the sockets' queues do not drop what the fault should
        }
      }
      System.out.println("sent " + n + " refused " + refused);
    }
  }
}
