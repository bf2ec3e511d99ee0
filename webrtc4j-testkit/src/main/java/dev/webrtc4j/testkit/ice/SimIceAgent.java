package dev.webrtc4j.testkit.ice;

import dev.webrtc4j.internal.ice.CandidatePair;
import dev.webrtc4j.internal.ice.IceAgent;
import dev.webrtc4j.internal.ice.IceCandidate;
import dev.webrtc4j.internal.ice.IceConnectionState;
import dev.webrtc4j.internal.ice.IceCredentials;
import dev.webrtc4j.internal.ice.IceEvent;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.testkit.net.SimNetwork;
import dev.webrtc4j.testkit.net.SimNode;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * An {@link IceAgent} running as a {@link SimNode}: its local sockets are addresses bound in the
 * {@link SimNetwork}, and it talks to its peer through a signaling channel with its own delay, as
 * an application would: the offer/answer carries the ICE credentials, then every gathered candidate
 * and end-of-candidates is trickled (RFC 8838) with the ufrag of its generation. A candidate of a
 * generation the receiver does not know (any more) is dropped, as JSEP does.
 *
 * <p>The offerer ({@link #offer}) is the controlling agent. An offer with new credentials is an
 * ICE restart: the answerer restarts too and answers with new credentials of its own.
 *
 * <p>Everything the agent reports is recorded with its virtual time for assertions. Single-threaded,
 * driven by the network.
 */
public final class SimIceAgent implements SimNode {

  /** A value observed at virtual time {@code at} (nanoseconds). */
  public record Timed<T>(long at, T value) {}

  /** Application data received, with the pair it came on. */
  public record Received(long at, String text, CandidatePair pair) {}

  /** What goes over the signaling channel. */
  sealed interface Signal {
    record Description(IceCredentials credentials, boolean offer) implements Signal {}

    record Candidate(IceCandidate candidate, String ufrag) implements Signal {}

    record EndOfCandidates(String ufrag) implements Signal {}
  }

  private record Pending(long at, Signal signal) {}

  private final String name;
  private final SimNetwork network;
  private final IceAgent agent;
  private final RandomGenerator random;
  private final List<InetSocketAddress> sockets = new ArrayList<>();
  private final ArrayDeque<Pending> inbox = new ArrayDeque<>();
  private @Nullable SimIceAgent peer;
  private long signalingDelay;
  private @Nullable IceCredentials remote;

  private final List<Timed<IceEvent>> events = new ArrayList<>();
  private final List<Timed<IceConnectionState>> states = new ArrayList<>();
  private final List<Received> received = new ArrayList<>();
  private final List<IceEvent.CandidateError> errors = new ArrayList<>();
  private final List<IceCandidate> signalledCandidates = new ArrayList<>();
  private long signalsSent;

  /**
   * Wraps {@code agent} (already configured) under {@code name}, attached to {@code network} at
   * {@code sockets}; {@code random} makes the credentials of ICE restarts.
   */
  public SimIceAgent(String name, SimNetwork network, IceAgent agent, RandomGenerator random, InetSocketAddress... sockets) {
    this.name = Objects.requireNonNull(name, "name");
    this.network = Objects.requireNonNull(network, "network");
    this.agent = Objects.requireNonNull(agent, "agent");
    this.random = Objects.requireNonNull(random, "random");
    network.attach(this);
    for (InetSocketAddress s : sockets) {
      addSocket(s);
    }
  }

  /** Connects two agents' signaling both ways with a one-way delay of {@code delayNanos}. */
  public static void pair(SimIceAgent a, SimIceAgent b, long delayNanos) {
    a.peer = b;
    b.peer = a;
    a.signalingDelay = delayNanos;
    b.signalingDelay = delayNanos;
  }

  public String name() {
    return name;
  }

  public IceAgent agent() {
    return agent;
  }

  public List<InetSocketAddress> sockets() {
    return List.copyOf(sockets);
  }

  /** A new local socket (an interface came up). */
  public void addSocket(InetSocketAddress address) {
    network.bind(this, address);
    sockets.add(address);
    agent.addLocalSocket(network.now(), address);
    drainEvents();
  }

  /** A local socket went away (the host left that network). */
  public void removeSocket(InetSocketAddress address) {
    agent.removeLocalSocket(network.now(), address);
    sockets.remove(address);
    drainEvents();
    // Whatever the agent still had queued from that socket is lost with it.
    List<Datagram> keep = new ArrayList<>();
    Datagram d;
    while ((d = agent.pollTransmit()) != null) {
      if (!d.source().equals(address)) {
        keep.add(d);
      }
    }
    pendingTransmits.addAll(keep);
    network.unbind(address);
  }

  private final ArrayDeque<Datagram> pendingTransmits = new ArrayDeque<>();

  /** Starts as the offerer (controlling): sends the offer, gathers and trickles. */
  public void offer() {
    signal(new Signal.Description(agent.localCredentials(), true));
    agent.startGathering(network.now());
    drainEvents();
  }

  /** ICE restart as the offerer: new credentials, a new offer, gathering anew. */
  public void restart() {
    IceCredentials fresh = freshCredentials();
    agent.restart(network.now(), fresh);
    remote = null;
    signal(new Signal.Description(fresh, true));
    agent.startGathering(network.now());
    drainEvents();
  }

  /** Sends {@code text} as application data on the selected pair; false when the agent refused. */
  public boolean send(String text) {
    boolean sent = agent.sendAppData(network.now(), ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    drainEvents();
    return sent;
  }

  /** Closes the agent (its TURN allocations are released). */
  public void close() {
    agent.close();
    drainEvents();
  }

  // ------------------------------------------------------------------ observations

  public IceConnectionState state() {
    return agent.connectionState();
  }

  /** True in connected or completed. */
  public boolean isConnected() {
    IceConnectionState s = agent.connectionState();
    return s == IceConnectionState.CONNECTED || s == IceConnectionState.COMPLETED;
  }

  public Optional<CandidatePair> selectedPair() {
    return agent.selectedPair();
  }

  public List<Timed<IceEvent>> events() {
    return List.copyOf(events);
  }

  /** Every connection state change, in order, with its time. */
  public List<Timed<IceConnectionState>> states() {
    return List.copyOf(states);
  }

  /** The time this agent first entered {@code state} at or after {@code since}, or -1. */
  public long firstTimeIn(IceConnectionState state, long since) {
    for (Timed<IceConnectionState> t : states) {
      if (t.at() >= since && t.value() == state) {
        return t.at();
      }
    }
    return -1;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<String> receivedTexts() {
    return received.stream().map(Received::text).toList();
  }

  public List<IceEvent.CandidateError> candidateErrors() {
    return List.copyOf(errors);
  }

  /** Every candidate this agent trickled to its peer. */
  public List<IceCandidate> signalledCandidates() {
    return List.copyOf(signalledCandidates);
  }

  // ------------------------------------------------------------------ SimNode

  @Override
  public void handleDatagram(long nowNanos, Datagram datagram) {
    agent.handleDatagram(nowNanos, datagram);
    drainEvents();
  }

  @Override
  public void handleTimeout(long nowNanos) {
    Pending p;
    while ((p = inbox.peekFirst()) != null && p.at() <= nowNanos) {
      inbox.pollFirst();
      onSignal(p.signal());
    }
    if (agent.pollTimeout() <= nowNanos) {
      agent.handleTimeout(nowNanos);
    }
    drainEvents();
  }

  @Override
  public @Nullable Datagram pollTransmit() {
    Datagram d = pendingTransmits.pollFirst();
    return d != null ? d : agent.pollTransmit();
  }

  @Override
  public long pollTimeout() {
    Pending p = inbox.peekFirst();
    return Math.min(agent.pollTimeout(), p == null ? Long.MAX_VALUE : p.at());
  }

  // ------------------------------------------------------------------ signaling

  private void signal(Signal s) {
    SimIceAgent to = Objects.requireNonNull(peer, "signaling not paired");
    signalsSent++;
    to.inbox.addLast(new Pending(network.now() + signalingDelay, s));
  }

  private void onSignal(Signal s) {
    long now = network.now();
    switch (s) {
      case Signal.Description d when d.offer() -> {
        if (remote != null && !remote.equals(d.credentials())) {
          // The peer restarted ICE (RFC 8445 §9): restart too, with fresh credentials.
          agent.restart(now, freshCredentials());
        }
        remote = d.credentials();
        agent.setRemoteCredentials(now, d.credentials());
        signal(new Signal.Description(agent.localCredentials(), false));
        agent.startGathering(now);
      }
      case Signal.Description d -> {
        remote = d.credentials();
        agent.setRemoteCredentials(now, d.credentials());
      }
      case Signal.Candidate c -> {
        if (remote != null && remote.ufrag().equals(c.ufrag())) {
          agent.addRemoteCandidate(now, c.candidate());
        }
      }
      case Signal.EndOfCandidates e -> {
        if (remote != null && remote.ufrag().equals(e.ufrag())) {
          agent.endOfRemoteCandidates(now);
        }
      }
    }
  }

  private void drainEvents() {
    IceEvent e;
    while ((e = agent.pollEvent()) != null) {
      long now = network.now();
      events.add(new Timed<>(now, e));
      switch (e) {
        case IceEvent.LocalCandidate c -> {
          signalledCandidates.add(c.candidate());
          signal(new Signal.Candidate(c.candidate(), c.ufrag()));
        }
        case IceEvent.EndOfCandidates end -> signal(new Signal.EndOfCandidates(end.ufrag()));
        case IceEvent.ConnectionStateChanged c -> states.add(new Timed<>(now, c.state()));
        case IceEvent.AppData d -> {
          ByteBuffer b = d.payload().duplicate();
          byte[] bytes = new byte[b.remaining()];
          b.get(bytes);
          received.add(new Received(now, new String(bytes, StandardCharsets.UTF_8), d.pair()));
        }
        case IceEvent.CandidateError err -> errors.add(err);
        case IceEvent.GatheringStateChanged g -> { }
        case IceEvent.SelectedPairChanged p -> { }
        case IceEvent.RoleChanged r -> { }
      }
    }
  }

  private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private IceCredentials freshCredentials() {
    return new IceCredentials(randomString(8), randomString(24));
  }

  private String randomString(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length())));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return name + "[" + agent.connectionState() + ", selected=" + agent.selectedPair().orElse(null) + "]";
  }
}
