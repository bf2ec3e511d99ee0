package dev.webrtc4j;

import static dev.webrtc4j.Peers.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.spi.Settings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test support for the ICE acceptance tests at the RTCPeerConnection level (Ice*Test): connections
 * with their own {@link Settings} that are closed after each test, a dispatch thread the test can
 * hold and flush, event recording, and waiting on states through their events.
 */
final class IceSupport implements AfterEachCallback {
  private final List<RTCPeerConnection> made = Collections.synchronizedList(new ArrayList<>());
  private final List<Dispatch> dispatchers = Collections.synchronizedList(new ArrayList<>());

  /** A connection gathering on loopback only, on its own {@link Dispatch} thread. */
  Peer create(RTCConfiguration config) {
    return create(config, Settings.builder().loopbackOnly());
  }

  /** A connection with these settings (their dispatch executor is replaced by a {@link Dispatch}). */
  Peer create(RTCConfiguration config, Settings.Builder settings) {
    Dispatch d = new Dispatch();
    dispatchers.add(d);
    RTCPeerConnection pc = new RTCPeerConnection(config, settings.dispatchExecutor(d).build());
    made.add(pc);
    return new Peer(pc, d);
  }

  /** A connection and the thread its listeners run on. */
  record Peer(RTCPeerConnection pc, Dispatch dispatch) {}

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
      assertThat(pc.awaitTermination(Peers.TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("event loop ended").isTrue();
    }
    synchronized (dispatchers) {
      dispatchers.forEach(Dispatch::close);
      dispatchers.clear();
    }
  }

  /**
   * A serial dispatch executor on one platform thread that the test can hold (tasks queue up
   * behind a latch) and flush (wait until everything queued so far has run).
   */
  static final class Dispatch implements java.util.concurrent.Executor, AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "ice-test-dispatch");
      t.setDaemon(true);
      return t;
    });

    @Override
    public void execute(Runnable task) {
      thread.execute(task);
    }

    /** Every task queued from now on waits until the returned gate is opened (at most 10 s). */
    Runnable hold() {
      CountDownLatch gate = new CountDownLatch(1);
      CountDownLatch holding = new CountDownLatch(1);
      thread.execute(() -> {
        holding.countDown();
        try {
          gate.await(Peers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      // Return only once the gate occupies the thread: a burst of the connection's dispatch
      // executor still running when hold() is called would otherwise go on running tasks queued
      // after it (the executor appends to a running burst), and the hold would not hold.
      try {
        if (!holding.await(Peers.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          throw new AssertionError("dispatch thread did not reach the hold");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while holding the dispatch thread", e);
      }
      return gate::countDown;
    }

    /** Returns once every task queued before this call has run. */
    void flush() {
      try {
        thread.submit(() -> {}).get(Peers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException | java.util.concurrent.ExecutionException | TimeoutException e) {
        throw new AssertionError("dispatch thread did not drain", e);
      }
    }

    @Override
    public void close() {
      thread.shutdownNow();
    }
  }

  /** Events of one connection (and its ICE transport) in the order they fired. */
  static final class Recorder {
    final Peers.Log log = new Peers.Log();

    /** Records the connection's ICE events, each with the state it announces. */
    void connection(String who, RTCPeerConnection pc) {
      pc.addEventListener(RTCPeerConnection.ICECANDIDATE, e -> log.add(who + ".icecandidate:"
          + e.candidate().map(c -> c.type().map(RTCIceCandidateType::w3cName).orElse("?")).orElse("null")));
      pc.addEventListener(RTCPeerConnection.ICEGATHERINGSTATECHANGE,
          e -> log.add(who + ".icegatheringstatechange:" + pc.iceGatheringState().w3cName()));
      pc.addEventListener(RTCPeerConnection.ICECONNECTIONSTATECHANGE,
          e -> log.add(who + ".iceconnectionstatechange:" + pc.iceConnectionState().w3cName()));
      pc.addEventListener(RTCPeerConnection.CONNECTIONSTATECHANGE,
          e -> log.add(who + ".connectionstatechange:" + pc.connectionState().w3cName()));
      pc.addEventListener(RTCPeerConnection.ICECANDIDATEERROR, e -> log.add(who + ".icecandidateerror:" + e.errorCode()));
    }

    /** Records the ICE transport's own events. */
    void transport(String who, RTCIceTransport t) {
      t.addEventListener(RTCIceTransport.STATECHANGE, e -> log.add(who + ".statechange:" + t.state().w3cName()));
      t.addEventListener(RTCIceTransport.GATHERINGSTATECHANGE,
          e -> log.add(who + ".gatheringstatechange:" + t.gatheringState().w3cName()));
      t.addEventListener(RTCIceTransport.SELECTEDCANDIDATEPAIRCHANGE, e -> log.add(who + ".selectedcandidatepairchange"));
    }

    /** The recorded events whose name starts with {@code prefix}, without the prefix. */
    List<String> values(String prefix) {
      List<String> out = new ArrayList<>();
      for (String s : log.snapshot()) {
        if (s.startsWith(prefix)) {
          out.add(s.substring(prefix.length()));
        }
      }
      return out;
    }

    List<String> all() {
      return log.snapshot();
    }
  }

  /** Completes when {@code test} holds, checked now and after each event of {@code type}. */
  static <E extends Event> CompletableFuture<Void> when(EventTarget target, EventType<E> type, BooleanSupplier test) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    target.addEventListener(type, e -> {
      if (test.getAsBoolean()) {
        f.complete(null);
      }
    });
    if (test.getAsBoolean()) {
      f.complete(null);
    }
    return f;
  }

  static CompletableFuture<Void> connected(RTCPeerConnection pc) {
    return when(pc, RTCPeerConnection.CONNECTIONSTATECHANGE, () -> pc.connectionState() == RTCPeerConnectionState.CONNECTED);
  }

  static CompletableFuture<Void> gatheringComplete(RTCPeerConnection pc) {
    return when(pc, RTCPeerConnection.ICEGATHERINGSTATECHANGE,
        () -> pc.iceGatheringState() == RTCIceGatheringState.COMPLETE);
  }

  static CompletableFuture<Void> iceState(RTCPeerConnection pc, RTCIceConnectionState wanted) {
    return when(pc, RTCPeerConnection.ICECONNECTIONSTATECHANGE, () -> pc.iceConnectionState() == wanted);
  }

  /** The a=candidate values (with "candidate:") of the first m-section of {@code sdp}. */
  static List<String> sdpCandidates(String sdp) {
    List<String> out = new ArrayList<>();
    for (String line : sdp.split("\r\n")) {
      if (line.startsWith("a=candidate:")) {
        out.add(line.substring(2));
      }
    }
    return out;
  }

  /** The value of the first {@code a=<name>:} line of {@code sdp}. */
  static String sdpAttribute(String sdp, String name) {
    for (String line : sdp.split("\r\n")) {
      if (line.startsWith("a=" + name + ":")) {
        return line.substring(name.length() + 3);
      }
    }
    throw new AssertionError("no a=" + name + " in\n" + sdp);
  }

  /**
   * A data channel from {@code a} whose peer answers each message with "pong:" + the message:
   * proof that data passes both ways. Create it before negotiating.
   */
  static final class Probe {
    final CompletableFuture<String> atB = new CompletableFuture<>();
    final CompletableFuture<String> atA = new CompletableFuture<>();
    final RTCDataChannel channel;

    Probe(RTCPeerConnection a, RTCPeerConnection b, String label) {
      b.addEventListener(RTCPeerConnection.DATACHANNEL, e -> {
        RTCDataChannel ch = e.channel();
        if (ch.label().equals(label)) {
          ch.setOnMessage(m -> {
            String text = ((MessageEvent.Text) m.data()).text();
            atB.complete(text);
            ch.send("pong:" + text);
          });
        }
      });
      channel = a.createDataChannel(label);
      channel.setOnOpen(e -> channel.send("ping:" + label));
      channel.setOnMessage(m -> atA.complete(((MessageEvent.Text) m.data()).text()));
    }

    /** Waits for the ping at b and the pong back at a. */
    void assertRoundTrip() {
      String label = channel.label();
      assertThat(await(atB)).isEqualTo("ping:" + label);
      assertThat(await(atA)).isEqualTo("pong:ping:" + label);
    }
  }

  /**
   * Trickle signalling that survives renegotiation (an ICE restart): each side's candidates are
   * held until the peer has applied the description they belong to, then applied in order.
   */
  static final class Signalling {
    private final Side toA;
    private final Side toB;

    Signalling(RTCPeerConnection a, RTCPeerConnection b) {
      toA = new Side(a);
      toB = new Side(b);
      a.addEventListener(RTCPeerConnection.ICECANDIDATE, e -> e.candidate().ifPresent(c -> toB.offer(c.toJSON())));
      b.addEventListener(RTCPeerConnection.ICECANDIDATE, e -> e.candidate().ifPresent(c -> toA.offer(c.toJSON())));
    }

    /** Offer from a, answer from b, each applied in turn; candidates flow as the peer can take them. */
    void negotiate(RTCPeerConnection a, RTCPeerConnection b) {
      RTCSessionDescription offer = await(a.createOffer());
      toB.hold();
      await(a.setLocalDescription(offer));
      await(b.setRemoteDescription(offer));
      toB.release();
      RTCSessionDescription answer = await(b.createAnswer());
      toA.hold();
      await(b.setLocalDescription(answer));
      await(a.setRemoteDescription(answer));
      toA.release();
    }

    /** Candidates that a peer rejected (addIceCandidate failed): none is expected. */
    List<Throwable> errors() {
      List<Throwable> out = new ArrayList<>(toA.errors);
      out.addAll(toB.errors);
      return out;
    }

    private static final class Side {
      private final RTCPeerConnection pc;
      private final List<RTCIceCandidateInit> held = new ArrayList<>();
      private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
      private boolean holding = true;

      Side(RTCPeerConnection pc) {
        this.pc = pc;
      }

      synchronized void offer(RTCIceCandidateInit c) {
        if (holding) {
          held.add(c);
        } else {
          apply(c);
        }
      }

      synchronized void hold() {
        holding = true;
      }

      synchronized void release() {
        holding = false;
        held.forEach(this::apply);
        held.clear();
      }

      private void apply(RTCIceCandidateInit c) {
        pc.addIceCandidate(c).whenComplete((v, err) -> {
          if (err != null) {
            errors.add(err);
          }
        });
      }
    }
  }
}
