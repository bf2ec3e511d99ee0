package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.dcep.DcepMessage;
import dev.webrtc4j.internal.dcep.Ppid;
import dev.webrtc4j.internal.dcep.StreamIdAllocator;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The data channels of one association: DCEP (RFC 8832) and the per-channel state machine
 * between the API's {@code RTCDataChannel} and the {@link Association} (RFC 8831). It lives in
 * {@code internal.sctp} because it needs both the association and the DCEP codecs, and the
 * layering forbids {@code internal.dcep} to import {@code internal.sctp}.
 *
 * <p>Per channel: we open one by sending DATA_CHANNEL_OPEN and it is announced open as soon as
 * the OPEN is queued on an established association (as Chrome does); until the ACK arrives (or
 * any other message, RFC 8832 §6) our messages go ordered. A peer's OPEN is answered with an ACK.
 * Closing resets our outgoing stream (RFC 6525); the channel is closed when both directions are
 * reset (RFC 8831 §6.7). Sans-I/O and event-loop confined like the association; the owner drains
 * {@link #pollEvent()} instead of the association's events.
 */
public final class DataChannelController {
  private static final System.Logger LOG = System.getLogger(DataChannelController.class.getName());

  /**
   * What a channel is (RTCDataChannelInit plus label).
   *
   * @param maxRetransmits -1 when not set
   * @param maxPacketLifeTimeMs -1 when not set
   */
  public record ChannelConfig(String label, String protocol, boolean ordered, int maxRetransmits, long maxPacketLifeTimeMs,
      int priority, boolean negotiated) {
    public ChannelConfig {
      if (maxRetransmits >= 0 && maxPacketLifeTimeMs >= 0) {
        throw new IllegalArgumentException("maxRetransmits and maxPacketLifeTime are exclusive");
      }
      if (maxRetransmits > 0xFFFF || maxPacketLifeTimeMs > 0xFFFF) {
        throw new IllegalArgumentException("reliability parameter above 65535");
      }
    }

    public static ChannelConfig reliable(String label) {
      return new ChannelConfig(label, "", true, -1, -1, 256, false);
    }

    DcepMessage.Open toOpen() {
      DcepMessage.Reliability r = maxRetransmits >= 0 ? DcepMessage.Reliability.PARTIAL_RELIABLE_REXMIT
          : maxPacketLifeTimeMs >= 0 ? DcepMessage.Reliability.PARTIAL_RELIABLE_TIMED : DcepMessage.Reliability.RELIABLE;
      long param = maxRetransmits >= 0 ? maxRetransmits : Math.max(0, maxPacketLifeTimeMs);
      return new DcepMessage.Open(r, ordered, priority, param, label, protocol);
    }

    static ChannelConfig fromOpen(DcepMessage.Open o) {
      // The wire allows 32 bits; the W3C attributes are unsigned short, so clamp.
      int p = (int) Math.min(0xFFFF, o.reliabilityParameter());
      return switch (o.reliability()) {
        case RELIABLE -> new ChannelConfig(o.label(), o.protocol(), o.ordered(), -1, -1, o.priority(), false);
        case PARTIAL_RELIABLE_REXMIT -> new ChannelConfig(o.label(), o.protocol(), o.ordered(), p, -1, o.priority(), false);
        case PARTIAL_RELIABLE_TIMED -> new ChannelConfig(o.label(), o.protocol(), o.ordered(), -1, p, o.priority(), false);
      };
    }

    SendOptions sendOptions(boolean forceOrdered) {
      boolean o = ordered || forceOrdered;
      if (maxRetransmits >= 0) {
        return SendOptions.maxRetransmits(o, maxRetransmits);
      }
      if (maxPacketLifeTimeMs >= 0) {
        return SendOptions.maxLifetime(o, maxPacketLifeTimeMs * 1_000_000L);
      }
      return new SendOptions(o, -1, -1);
    }
  }

  /** What the API layer hears. */
  public sealed interface ChannelEvent {
    /** The association is up (the W3C RTCSctpTransport is "connected"). */
    record TransportUp() implements ChannelEvent {}

    /** One of our channels is open (readyState "open"). */
    record Opened(StreamId id) implements ChannelEvent {}

    /** The peer opened a channel with DCEP (the W3C "datachannel" event); it is open. */
    record Incoming(StreamId id, ChannelConfig config) implements ChannelEvent {}

    /** A message; empty PPIDs arrive as an empty buffer. The buffer is read-only and the listener's. */
    record Message(StreamId id, boolean binary, ByteBuffer data) implements ChannelEvent {}

    record BufferedAmountLow(StreamId id) implements ChannelEvent {}

    /** Our stream is reset and the peer's too: readyState "closed". */
    record ChannelClosed(StreamId id) implements ChannelEvent {}

    /** The association ended; every channel is closed too (each gets ChannelClosed first). */
    record TransportClosed(String reason, boolean error) implements ChannelEvent {}
  }

  /** Channel states, each with only what is valid in it. */
  sealed interface ChannelState permits Connecting, Open, Closing {}

  /** Ours, OPEN queued, no ACK yet: messages go ordered. {@code announced}: Opened was emitted. */
  record Connecting(ChannelConfig config, boolean announced) implements ChannelState {}

  record Open(ChannelConfig config) implements ChannelState {}

  /** Stream reset in progress; closed once both directions are reset. */
  record Closing(ChannelConfig config, boolean outgoingReset, boolean incomingReset) implements ChannelState {}

  private final Association association;
  private final StreamIdAllocator ids;
  private final Map<Integer, ChannelState> channels = new HashMap<>();
  private final ArrayDeque<ChannelEvent> events = new ArrayDeque<>();
  private boolean up;
  private boolean ended;
  private long droppedMessages;

  public DataChannelController(Association association, StreamIdAllocator.DtlsRole role, int maxStreams) {
    this.association = association;
    this.ids = new StreamIdAllocator(role, maxStreams);
  }

  public Association association() {
    return association;
  }

  /** Messages dropped because they named no open channel or did not decode. */
  public long droppedMessages() {
    return droppedMessages;
  }

  /**
   * Creates a channel. A negotiated one uses {@code id} and sends no DCEP; otherwise {@code id}
   * is empty and one of our parity is allocated.
   *
   * @throws IllegalStateException no free id, the id is taken, or the association ended
   *     (the API maps it to OperationError)
   */
  public StreamId open(long now, ChannelConfig config, OptionalInt id) {
    if (ended) {
      throw new IllegalStateException("the SCTP association is closed");
    }
    int sid;
    if (id.isPresent()) {
      sid = id.getAsInt();
      if (!ids.reserve(sid)) {
        throw new IllegalStateException("stream id " + sid + " is taken or out of range");
      }
    } else {
      sid = ids.allocate().orElseThrow(() -> new IllegalStateException("no free stream id"));
    }
    StreamId s = new StreamId(sid);
    if (config.negotiated()) {
      // RFC 8831 §6.5: negotiated channels skip DCEP; they are open when the transport is.
      channels.put(sid, new Open(config));
      if (up) {
        events.add(new ChannelEvent.Opened(s));
      }
    } else {
      // RFC 8832 §6: "...the DATA_CHANNEL_OPEN message [is sent] on the stream ... reliably and in order".
      SendResult r = association.send(now, s, Ppid.DCEP, config.toOpen().toBuffer(), SendOptions.RELIABLE_ORDERED);
      if (r != SendResult.ACCEPTED) {
        ids.release(sid);
        throw new IllegalStateException("cannot queue DATA_CHANNEL_OPEN: " + r);
      }
      channels.put(sid, new Connecting(config, up));
      if (up) {
        events.add(new ChannelEvent.Opened(s));
      }
    }
    return s;
  }

  /**
   * Sends one message of the channel. Empty messages go as one byte with PPID 56/57.
   * {@link SendResult#QUEUE_FULL} maps to OperationError in the API.
   */
  public SendResult send(long now, StreamId id, boolean binary, ByteBuffer data) {
    return send(now, id, binary, data, true);
  }

  /** Like {@link #send} without the copy: {@code data} is handed over and never changed again. */
  public SendResult sendOwned(long now, StreamId id, boolean binary, ByteBuffer data) {
    return send(now, id, binary, data, false);
  }

  private SendResult send(long now, StreamId id, boolean binary, ByteBuffer data, boolean copy) {
    ChannelState st = channels.get(id.value());
    ChannelConfig config;
    boolean forceOrdered;
    switch (st) {
      case null -> {
        return SendResult.CLOSED;
      }
      case Connecting c -> {
        config = c.config();
        // RFC 8832 §6: before the ACK "...the sender MUST send messages ... with ordered delivery"
        // so they cannot overtake the OPEN.
        forceOrdered = true;
      }
      case Open o -> {
        config = o.config();
        forceOrdered = false;
      }
      case Closing c -> {
        return SendResult.CLOSED;
      }
    }
    boolean empty = !data.hasRemaining();
    ByteBuffer payload = empty ? ByteBuffer.wrap(new byte[1]) : data;
    SendOptions options = config.sendOptions(forceOrdered);
    int ppid = Ppid.forSend(binary, empty);
    return copy && !empty ? association.send(now, id, ppid, payload, options)
        : association.sendOwned(now, id, ppid, payload, options);
  }

  public long bufferedAmount(StreamId id) {
    return association.bufferedAmount(id);
  }

  public void setBufferedAmountLowThreshold(StreamId id, long bytes) {
    association.setBufferedAmountLowThreshold(id, bytes);
  }

  /** Starts closing (RFC 8831 §6.7: reset the outgoing stream; the peer resets its own). */
  public void close(long now, StreamId id) {
    ChannelState st = channels.get(id.value());
    switch (st) {
      case null -> {}
      case Connecting c -> startClosing(now, id, c.config(), false);
      case Open o -> startClosing(now, id, o.config(), false);
      case Closing c -> {}
    }
  }

  private void startClosing(long now, StreamId id, ChannelConfig config, boolean incomingAlreadyReset) {
    channels.put(id.value(), new Closing(config, false, incomingAlreadyReset));
    association.resetStreams(now, List.of(id));
  }

  /** The next channel event, pulling from the association as needed. */
  public ChannelEvent pollEvent() {
    while (events.isEmpty()) {
      SctpEvent e = association.pollEvent();
      if (e == null) {
        return null;
      }
      onAssociationEvent(e);
    }
    return events.poll();
  }

  private void onAssociationEvent(SctpEvent e) {
    switch (e) {
      case SctpEvent.Associated a -> {
        up = true;
        events.add(new ChannelEvent.TransportUp());
        List<Integer> sorted = new ArrayList<>(channels.keySet());
        sorted.sort(null);
        for (int sid : sorted) {
          switch (channels.get(sid)) {
            case Connecting c -> {
              channels.put(sid, new Connecting(c.config(), true));
              events.add(new ChannelEvent.Opened(new StreamId(sid)));
            }
            case Open o -> events.add(new ChannelEvent.Opened(new StreamId(sid)));
            case Closing c -> {}
          }
        }
      }
      case SctpEvent.Message m -> onMessage(m);
      case SctpEvent.BufferedAmountLow b -> {
        if (channels.containsKey(b.streamId().value())) {
          events.add(new ChannelEvent.BufferedAmountLow(b.streamId()));
        }
      }
      case SctpEvent.StreamsReset r -> onStreamsReset(r);
      case SctpEvent.StreamResetFailed f -> LOG.log(Level.DEBUG, "stream reset failed: {0}", f.reason());
      case SctpEvent.Closed c -> endAll("closed", false);
      case SctpEvent.Aborted a -> endAll(a.reason(), true);
    }
  }

  private void onMessage(SctpEvent.Message m) {
    int sid = m.streamId().value();
    ChannelState st = channels.get(sid);
    if (m.ppid() == Ppid.DCEP) {
      DcepMessage msg;
      try {
        msg = DcepMessage.parse(m.payload().duplicate());
      } catch (MalformedPacketException ex) {
        droppedMessages++;
        LOG.log(Level.DEBUG, "dropping bad DCEP message on stream {0}: {1}", sid, ex.getMessage());
        return;
      }
      switch (msg) {
        case DcepMessage.Open open -> onPeerOpen(m.streamId(), open, st);
        case DcepMessage.Ack ack -> {
          if (st instanceof Connecting c) {
            channels.put(sid, new Open(c.config()));
          }
        }
      }
      return;
    }
    if (!Ppid.isUserData(m.ppid())) {
      droppedMessages++;
      LOG.log(Level.DEBUG, "dropping message with PPID {0} on stream {1}", m.ppid(), sid);
      return;
    }
    switch (st) {
      case null -> {
        droppedMessages++;
        LOG.log(Level.DEBUG, "dropping message on stream {0} without a channel", sid);
        return;
      }
      case Connecting c -> {
        // RFC 8832 §6: a message before the DATA_CHANNEL_ACK means the peer has the channel open.
        channels.put(sid, new Open(c.config()));
      }
      case Open o -> {}
      case Closing c -> {
        if (c.incomingReset()) {
          droppedMessages++;
          return;
        }
      }
    }
    ByteBuffer data = Ppid.isEmpty(m.ppid()) ? ByteBuffer.allocate(0).asReadOnlyBuffer() : m.payload();
    events.add(new ChannelEvent.Message(m.streamId(), !Ppid.isString(m.ppid()), data));
  }

  private void onPeerOpen(StreamId id, DcepMessage.Open open, ChannelState existing) {
    if (existing != null) {
      droppedMessages++;
      LOG.log(Level.DEBUG, "DATA_CHANNEL_OPEN for stream {0}, which is already in use", id.value());
      return;
    }
    if (!ids.isPeerParity(id.value()) || !ids.reserve(id.value())) {
      // RFC 8832 §6: the peer must use the other parity; refuse by resetting the stream.
      droppedMessages++;
      LOG.log(Level.DEBUG, "refusing DATA_CHANNEL_OPEN on stream {0} (wrong parity or taken)", id.value());
      association.resetStreams(association.now(), List.of(id));
      return;
    }
    ChannelConfig config = ChannelConfig.fromOpen(open);
    channels.put(id.value(), new Open(config));
    // RFC 8832 §6: "...the receiving side ... MUST send a DATA_CHANNEL_ACK message".
    association.send(association.now(), id, Ppid.DCEP, new DcepMessage.Ack().toBuffer(), SendOptions.RELIABLE_ORDERED);
    events.add(new ChannelEvent.Incoming(id, config));
  }

  private void onStreamsReset(SctpEvent.StreamsReset r) {
    for (StreamId id : r.streams()) {
      ChannelState st = channels.get(id.value());
      switch (st) {
        case null -> {}
        case Connecting c -> {
          if (r.byPeer()) {
            startClosing(association.now(), id, c.config(), true);
          }
        }
        case Open o -> {
          if (r.byPeer()) {
            // The peer closed: close our direction too.
            startClosing(association.now(), id, o.config(), true);
          }
        }
        case Closing c -> {
          Closing next = r.byPeer() ? new Closing(c.config(), c.outgoingReset(), true) : new Closing(c.config(), true, c.incomingReset());
          if (next.outgoingReset() && next.incomingReset()) {
            channels.remove(id.value());
            ids.release(id.value());
            events.add(new ChannelEvent.ChannelClosed(id));
          } else {
            channels.put(id.value(), next);
          }
        }
      }
    }
  }

  private void endAll(String reason, boolean error) {
    ended = true;
    List<Integer> sorted = new ArrayList<>(channels.keySet());
    sorted.sort(null);
    for (int sid : sorted) {
      ids.release(sid);
      events.add(new ChannelEvent.ChannelClosed(new StreamId(sid)));
    }
    channels.clear();
    events.add(new ChannelEvent.TransportClosed(reason, error));
  }

  /** For tests and stats: the state of a channel, or null. */
  ChannelState channelState(StreamId id) {
    return channels.get(id.value());
  }
}
