package dev.rebalance.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.store.TrackerStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send their headers or their body slowly and never finish (slowloris) must not stall
 * the dashboard: other requests are answered while they hang, and the server closes them once the
 * read time-out has passed even though they keep trickling bytes. Loopback only; every loop is
 * bounded; the whole class runs in a few seconds.
 */
class DashboardSlowClientTest {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

  @TempDir Path dir;
  private TrackerStore store;
  private DashboardServer server;
  private final List<Socket> sockets = new ArrayList<>();
  private final AtomicBoolean trickling = new AtomicBoolean(true);
  private Thread trickler;

  @BeforeEach
  void start() {
    store = TrackerStores.open("json:" + dir.resolve("state.json"));
    Seed.seed(store);
    server =
        DashboardServer.builder()
            .store(store)
            .account(Seed.ACCOUNT)
            .clock(new Seed.MovingClock())
            .port(0)
            .token(Seed.TOKEN)
            .readTimeout(READ_TIMEOUT)
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    trickling.set(false);
    if (trickler != null) {
      trickler.join(2_000);
    }
    for (Socket s : sockets) {
      s.close();
    }
    server.close();
    store.close();
  }

  @Test
  void twoHundredSlowHeaderClientsDoNotStallOtherRequestsAndAreClosed() throws Exception {
    List<Socket> slow = openSlow(200, headersThatNeverEnd());
    startTrickling(slow, "X-Slow: 1\r\n");
    assertOtherRequestsAnswered(10);
    assertClosedByServer(slow);
  }

  @Test
  void slowPostBodiesDoNotStallOtherRequestsAndAreClosed() throws Exception {
    String post =
        "POST /api/locks/AAPL HTTP/1.1\r\nHost: "
            + authority()
            + "\r\nAuthorization: Bearer "
            + Seed.TOKEN
            + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
            + "{\"reason\":\"";
    List<Socket> slow = openSlow(40, post);
    startTrickling(slow, "x");
    assertOtherRequestsAnswered(10);
    assertClosedByServer(slow);
    // Nothing half-received was acted on.
    assertThat(store.locks(Seed.ACCOUNT)).extracting(l -> l.symbol()).doesNotContain("AAPL");
  }

  @Test
  void silentConnectionsAreClosedAfterTheReadTimeout() throws Exception {
    List<Socket> silent = openSlow(50, "");
    assertOtherRequestsAnswered(3);
    assertClosedByServer(silent);
  }

  private String authority() {
    return "127.0.0.1:" + server.baseUri().getPort();
  }

  private String headersThatNeverEnd() {
    return "GET /api/stats HTTP/1.1\r\nHost: " + authority() + "\r\n";
  }

  private List<Socket> openSlow(int n, String start) throws IOException {
    List<Socket> opened = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Socket s = new Socket();
      s.connect(new InetSocketAddress("127.0.0.1", server.baseUri().getPort()), 2_000);
      s.setSoTimeout(100);
      if (!start.isEmpty()) {
        s.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
      }
      opened.add(s);
      sockets.add(s);
    }
    return opened;
  }

  /** Keeps every slow socket busy with a few bytes every 100 ms, for at most 5 seconds. */
  private void startTrickling(List<Socket> slow, String piece) {
    byte[] bytes = piece.getBytes(StandardCharsets.US_ASCII);
    trickler =
        new Thread(
            () -> {
              for (int round = 0; round < 50 && trickling.get(); round++) {
                for (Socket s : slow) {
                  try {
                    OutputStream out = s.getOutputStream();
                    out.write(bytes);
                    out.flush();
                  } catch (IOException closed) {
                    // the server closed it: what we want
                  }
                }
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "slow-client-trickler");
    trickler.setDaemon(true);
    trickler.start();
  }

  private void assertOtherRequestsAnswered(int n) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI stats = server.baseUri().resolve("/api/stats");
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(stats).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }
  }

  /** Each socket reaches end-of-stream (or a reset) within the read time-out plus slack. */
  private void assertClosedByServer(List<Socket> slow) throws IOException {
    long deadline = System.nanoTime() + READ_TIMEOUT.plusSeconds(3).toNanos();
    for (Socket s : slow) {
      assertThat(closedBefore(s, deadline)).as("socket closed by the server").isTrue();
    }
  }

  private static boolean closedBefore(Socket s, long deadline) {
    byte[] buf = new byte[4096];
    while (System.nanoTime() < deadline) {
      try {
        InputStream in = s.getInputStream();
        if (in.read(buf) < 0) {
          return true;
        }
      } catch (SocketTimeoutException notYet) {
        // keep waiting until the deadline
      } catch (IOException reset) {
        return true;
      }
    }
    return false;
  }
}
