package dev.rebalance.alpaca.fake;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A tiny RFC 6455 WebSocket server for tests: the opening handshake, masked client frames (text,
 * binary, continuation, ping, close), unmasked server frames, and ways to misbehave (reject the
 * upgrade with 429, drop the TCP connection, send half a frame).
 */
public final class WsServer implements AutoCloseable {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final ServerSocket server;
  private final Thread acceptor;
  private final BiConsumer<Conn, String> onMessage;
  private final List<Conn> conns = new CopyOnWriteArrayList<>();
  private final AtomicInteger rejectUpgrades = new AtomicInteger();
  private final AtomicInteger upgrades = new AtomicInteger();
  private volatile boolean open = true;

  public WsServer(BiConsumer<Conn, String> onMessage) throws IOException {
    this.onMessage = onMessage;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.acceptor = new Thread(this::acceptLoop, "fake-ws-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public int upgrades() {
    return upgrades.get();
  }

  /** The next {@code n} upgrade requests get HTTP 429, as Alpaca does during reconnect storms. */
  public void rejectNextUpgrades(int n) {
    rejectUpgrades.set(n);
  }

  public List<Conn> connections() {
    return conns.stream().filter(c -> !c.closed).toList();
  }

  private void acceptLoop() {
    while (open) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "fake-ws-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!open) {
          return;
        }
      }
    }
  }

  private void serve(Socket s) {
    Conn c = null;
    try {
      s.setTcpNoDelay(true);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      String key = null;
      String line;
      boolean first = true;
      while (!(line = readLine(in)).isEmpty()) {
        if (first) {
          first = false;
          continue;
        }
        int colon = line.indexOf(':');
        if (colon > 0
            && line.substring(0, colon)
                .trim()
                .toLowerCase(Locale.ROOT)
                .equals("sec-websocket-key")) {
          key = line.substring(colon + 1).trim();
        }
      }
      if (rejectUpgrades.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || key == null) {
        out.write(
            "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        s.close();
        return;
      }
      String accept =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-1")
                      .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + accept
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      upgrades.incrementAndGet();
      c = new Conn(s, out);
      conns.add(c);
      readFrames(c, new DataInputStream(in));
    } catch (IOException | NoSuchAlgorithmException e) {
      // connection gone
    } finally {
      if (c != null) {
        c.abort();
      } else {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }
  }

  private void readFrames(Conn c, DataInputStream in) throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (!c.closed) {
      int b0 = in.readUnsignedByte();
      int b1 = in.readUnsignedByte();
      boolean fin = (b0 & 0x80) != 0;
      int opcode = b0 & 0x0F;
      long len = b1 & 0x7F;
      if (len == 126) {
        len = in.readUnsignedShort();
      } else if (len == 127) {
        len = in.readLong();
      }
      byte[] mask = new byte[4];
      if ((b1 & 0x80) != 0) {
        in.readFully(mask);
      }
      byte[] payload = new byte[(int) len];
      in.readFully(payload);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
      switch (opcode) {
        case 0x0, 0x1, 0x2 -> {
          message.write(payload);
          if (fin) {
            String text = message.toString(StandardCharsets.UTF_8);
            message.reset();
            onMessage.accept(c, text);
          }
        }
        case 0x8 -> {
          c.sendFrame(0x8, payload, payload.length);
          c.abort();
          return;
        }
        case 0x9 -> c.sendFrame(0xA, payload, payload.length);
        default -> {
          // pong or reserved: ignore
        }
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int ch;
    while ((ch = in.read()) != -1) {
      if (ch == '\n') {
        break;
      }
      if (ch != '\r') {
        sb.append((char) ch);
      }
    }
    if (ch == -1 && sb.length() == 0) {
      throw new IOException("eof in handshake");
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    open = false;
    server.close();
    for (Conn c : conns) {
      c.abort();
    }
  }

  /** One client connection. */
  public static final class Conn {
    private final Socket socket;
    private final OutputStream out;
    volatile boolean closed;
    public volatile boolean authorized;
    public volatile boolean listening;

    Conn(Socket socket, OutputStream out) {
      this.socket = socket;
      this.out = out;
    }

    public boolean isClosed() {
      return closed;
    }

    public void sendText(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      sendFrame(0x1, b, b.length);
    }

    public void sendBinary(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      sendFrame(0x2, b, b.length);
    }

    /** Sends a binary message split into two frames (binary + continuation). */
    public synchronized void sendFragmented(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      int half = b.length / 2;
      byte[] a = java.util.Arrays.copyOfRange(b, 0, half);
      byte[] z = java.util.Arrays.copyOfRange(b, half, b.length);
      writeFrame(false, 0x2, a, a.length);
      writeFrame(true, 0x0, z, z.length);
    }

    /** Writes the frame header and half the payload, then drops the connection. */
    public synchronized void sendHalfThenDrop(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      writeFrame(true, 0x2, b, b.length / 2, b.length);
      abort();
    }

    public void sendClose(int code) {
      byte[] p = new byte[] {(byte) (code >> 8), (byte) code};
      sendFrame(0x8, p, 2);
    }

    synchronized void sendFrame(int opcode, byte[] payload, int n) {
      writeFrame(true, opcode, payload, n);
    }

    private void writeFrame(boolean fin, int opcode, byte[] payload, int n) {
      writeFrame(fin, opcode, payload, n, n);
    }

    private void writeFrame(boolean fin, int opcode, byte[] payload, int n, int declared) {
      if (closed) {
        return;
      }
      try {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | opcode);
        if (declared < 126) {
          f.write(declared);
        } else if (declared < 65536) {
          f.write(126);
          f.write(declared >> 8);
          f.write(declared);
        } else {
          f.write(127);
          for (int i = 7; i >= 0; i--) {
            f.write((int) ((long) declared >> (8 * i)));
          }
        }
        f.write(payload, 0, n);
        out.write(f.toByteArray());
        out.flush();
      } catch (IOException e) {
        abort();
      }
    }

    /** Drops the TCP connection without a close frame (like a network failure). */
    public void abort() {
      closed = true;
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }
}
