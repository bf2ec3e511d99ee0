package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test support: makes connections, and after each test closes every one and checks its event
 * loop has ended (no loop thread left behind).
 */
final class Peers implements AfterEachCallback {
  static final long TIMEOUT_SECONDS = 10;
  private final List<RTCPeerConnection> made = Collections.synchronizedList(new ArrayList<>());

  RTCPeerConnection create() {
    return create(RTCConfiguration.DEFAULT);
  }

  RTCPeerConnection create(RTCConfiguration config) {
    return create(config, dev.webrtc4j.spi.Settings.builder().loopbackOnly().build());
  }

  RTCPeerConnection create(RTCConfiguration config, dev.webrtc4j.spi.Settings settings) {
    RTCPeerConnection pc = new RTCPeerConnection(config, settings);
    made.add(pc);
    return pc;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    List<RTCPeerConnection> all;
    synchronized (made) {
      all = new ArrayList<>(made);
      made.clear();
    }
    for (RTCPeerConnection pc : all) {
      pc.close();
    }
    for (RTCPeerConnection pc : all) {
      assertThat(pc.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("event loop ended").isTrue();
      assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.CLOSED);
    }
  }

  static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not complete", e);
    }
  }

  /** The failure of {@code f}, which must fail. */
  static Throwable failure(CompletableFuture<?> f) {
    try {
      f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not complete", e);
    }
    return fail("expected the future to fail");
  }

  /** The DOMException name of a failed future. */
  static String rejection(CompletableFuture<?> f) {
    Throwable t = failure(f);
    assertThat(t).isInstanceOf(RTCException.class);
    return ((RTCException) t).name();
  }

  /** Offer from {@code a}, answer from {@code b}, both applied. */
  static void negotiate(RTCPeerConnection a, RTCPeerConnection b) {
    RTCSessionDescription offer = await(a.createOffer());
    await(a.setLocalDescription(offer));
    await(b.setRemoteDescription(offer));
    RTCSessionDescription answer = await(b.createAnswer());
    await(b.setLocalDescription(answer));
    await(a.setRemoteDescription(answer));
  }

  /** Records events in order, across connections, with a way to wait for them. */
  static final class Log {
    final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
    final List<String> all = Collections.synchronizedList(new ArrayList<>());

    void add(String s) {
      all.add(s);
      queue.add(s);
    }

    String next() {
      try {
        String s = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (s == null) {
          throw new AssertionError("no event within " + TIMEOUT_SECONDS + " s; seen " + all);
        }
        return s;
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    List<String> snapshot() {
      synchronized (all) {
        return List.copyOf(all);
      }
    }
  }

  /** Waits until the events of every call made on {@code pc} so far have been delivered. */
  static void settle(RTCPeerConnection pc) {
    await(pc.barrier());
  }
}
