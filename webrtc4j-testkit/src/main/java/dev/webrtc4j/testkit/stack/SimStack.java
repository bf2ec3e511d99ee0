package dev.webrtc4j.testkit.stack;

import dev.webrtc4j.internal.dtls.DtlsCertificate;
import dev.webrtc4j.internal.ice.IceCredentials;
import dev.webrtc4j.internal.pc.TransportStack;
import dev.webrtc4j.internal.pc.TransportStack.StackEvent;
import dev.webrtc4j.internal.sctp.Association;
import dev.webrtc4j.internal.sctp.DataChannelController;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelConfig;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelEvent;
import dev.webrtc4j.internal.sctp.SendResult;
import dev.webrtc4j.internal.sctp.StreamId;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.testkit.net.SimNetwork;
import dev.webrtc4j.testkit.net.SimNode;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TransportStack} (ICE → DTLS → SCTP → data channels) running as a {@link SimNode} on one
 * socket. Its signaling to the peer is instant: every local candidate and end-of-candidates is
 * handed to the peer stack as soon as it is reported.
 *
 * <p>Everything the stack reports is recorded with its virtual time, messages with a copy of their
 * bytes; {@link #tap()} logs the SCTP chunks on the wire in both directions, and after every input
 * the association's receive buffer is sampled so a test can assert its high-water mark.
 */
public final class SimStack implements SimNode {
  /** A value observed at virtual time {@code at} (nanoseconds). */
  public record Timed<T>(long at, T value) {}

  /** A data channel message as delivered, with its own copy of the bytes. */
  public record Received(long at, StreamId id, boolean binary, byte[] data) {}

  private final String name;
  private final SimNetwork network;
  private final TransportStack stack;
  private final InetSocketAddress socket;
  private final IceCredentials credentials;
  private final DtlsCertificate certificate;
  private final SctpTap tap = new SctpTap();
  private final List<Timed<StackEvent>> events = new ArrayList<>();
  private final List<Received> messages = new ArrayList<>();
  private @Nullable SimStack peer;
  private @Nullable Association association;
  private long receiveBufferedHighWater;
  private long sctpUpAt = -1;

  SimStack(String name, SimNetwork network, TransportStack stack, InetSocketAddress socket, IceCredentials credentials,
      DtlsCertificate certificate) {
    this.name = Objects.requireNonNull(name, "name");
    this.network = Objects.requireNonNull(network, "network");
    this.stack = Objects.requireNonNull(stack, "stack");
    this.socket = Objects.requireNonNull(socket, "socket");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    network.attach(this, socket);
  }

  void setPeer(SimStack peer) {
    this.peer = peer;
  }

  public String name() {
    return name;
  }

  public TransportStack stack() {
    return stack;
  }

  public InetSocketAddress socket() {
    return socket;
  }

  public IceCredentials credentials() {
    return credentials;
  }

  public DtlsCertificate certificate() {
    return certificate;
  }

  public SctpTap tap() {
    return tap;
  }

  // ------------------------------------------------------------------ SimNode

  @Override
  public void handleDatagram(long now, Datagram datagram) {
    tap.onReceived(now, datagram.payload());
    stack.handleDatagram(now, datagram);
    afterInput(now);
  }

  @Override
  public void handleTimeout(long now) {
    stack.handleTimeout(now);
    afterInput(now);
  }

  @Override
  public @Nullable Datagram pollTransmit() {
    Datagram d = stack.pollTransmit();
    if (d != null) {
      tap.onSent(network.now(), d.payload());
    }
    return d;
  }

  @Override
  public long pollTimeout() {
    return stack.pollTimeout();
  }

  // ------------------------------------------------------------------ what the test does

  /** Opens a channel now; DCEP unless {@code config.negotiated()}, then {@code id} is required. */
  public StreamId openChannel(ChannelConfig config, OptionalInt id) {
    StreamId s = stack.openChannel(network.now(), config, id);
    afterInput(network.now());
    return s;
  }

  /** Sends one binary message now (the stack copies it). */
  public SendResult send(StreamId id, byte[] data) {
    SendResult r = stack.send(network.now(), id, true, ByteBuffer.wrap(data));
    afterInput(network.now());
    return r;
  }

  public void closeChannel(StreamId id) {
    stack.closeChannel(network.now(), id);
    afterInput(network.now());
  }

  /** Hands a datagram to the stack as if it arrived from the network now (a misbehaving peer). */
  public void inject(Datagram datagram) {
    handleDatagram(network.now(), datagram);
  }

  void afterInput(long now) {
    pumpEvents(now);
    Association a = association();
    if (a != null) {
      receiveBufferedHighWater = Math.max(receiveBufferedHighWater, a.receiveBufferedBytes());
    }
  }

  void pumpEvents(long now) {
    for (StackEvent e; (e = stack.pollEvent()) != null; ) {
      events.add(new Timed<>(now, e));
      switch (e) {
        case StackEvent.LocalCandidate c -> {
          SimStack p = peer;
          if (p != null) {
            p.stack.addRemoteCandidate(now, c.candidate());
            p.pumpEvents(now);
          }
        }
        case StackEvent.EndOfCandidates c -> {
          SimStack p = peer;
          if (p != null) {
            p.stack.endOfRemoteCandidates(now);
            p.pumpEvents(now);
          }
        }
        case StackEvent.SctpUp u -> {
          if (sctpUpAt < 0) {
            sctpUpAt = now;
          }
        }
        case StackEvent.Channel ch -> {
          if (ch.event() instanceof ChannelEvent.Message m) {
            byte[] b = new byte[m.data().remaining()];
            m.data().duplicate().get(b);
            messages.add(new Received(now, m.id(), m.binary(), b));
          }
        }
        default -> {}
      }
    }
  }

  // ------------------------------------------------------------------ observations

  public List<Timed<StackEvent>> events() {
    return Collections.unmodifiableList(events);
  }

  public <T extends StackEvent> List<T> events(Class<T> type) {
    return events.stream().map(Timed::value).filter(type::isInstance).map(type::cast).toList();
  }

  /** Channel events of one type, in order. */
  public <T extends ChannelEvent> List<T> channelEvents(Class<T> type) {
    return events.stream().map(Timed::value).filter(StackEvent.Channel.class::isInstance)
        .map(e -> ((StackEvent.Channel) e).event()).filter(type::isInstance).map(type::cast).toList();
  }

  /** Every message delivered, in delivery order. */
  public List<Received> messages() {
    return Collections.unmodifiableList(messages);
  }

  public List<Received> messages(StreamId id) {
    return messages.stream().filter(m -> m.id().equals(id)).toList();
  }

  public boolean sctpUp() {
    return sctpUpAt >= 0;
  }

  /** Virtual time the association came up, or -1. */
  public long sctpUpAt() {
    return sctpUpAt;
  }

  /** The largest {@link Association#receiveBufferedBytes()} seen after any input. */
  public long receiveBufferedHighWater() {
    return receiveBufferedHighWater;
  }

  /** The stack's SCTP association, once the remote parameters are applied. */
  public @Nullable Association association() {
    Association a = association;
    if (a == null) {
      DataChannelController c = stack.channels();
      if (c != null) {
        a = c.association();
        association = a;
      }
    }
    return a;
  }

  @Override
  public String toString() {
    return name + "[" + stack.iceState() + "/" + stack.dtlsState() + (sctpUp() ? "/sctp up" : "") + "]";
  }
}
