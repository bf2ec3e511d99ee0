package dev.webrtc4j;

import dev.webrtc4j.internal.io.EventLoop;
import dev.webrtc4j.internal.pc.TransportStack;
import dev.webrtc4j.internal.sctp.DataChannelController;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelConfig;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelEvent;
import dev.webrtc4j.internal.sctp.SendResult;
import dev.webrtc4j.internal.sctp.StreamId;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Connects the connection's {@link RTCDataChannel} objects to the SCTP data channel controller of
 * its {@link TransportStack}: the channel side of the wiring (docs/design/transport-wiring.md).
 *
 * <p>Threads: {@link #send} and {@link #close} are called by application threads (under the
 * channel's lock), so they never block on the loop: a send is admitted against a byte budget
 * here, at once, and queued to the loop, which hands it to SCTP. The budget ({@link #SEND_BUFFER})
 * is smaller than the association's own send buffer, so a message admitted here always fits
 * there: nothing accepted is ever dropped for lack of room. Every other method runs on the loop
 * and returns its effects as tasks for the dispatch executor, so channel events keep the order the
 * transport produced them in, after the connection events of the same step.
 */
final class DataChannelBridge implements RTCDataChannel.Transport {
  private static final System.Logger LOG = System.getLogger(DataChannelBridge.class.getName());

  /**
   * Bytes the application may have queued and not yet handed to the network, over all channels of
   * the connection (Chrome allows 16 MiB per channel; one budget per connection keeps memory bounded
   * whatever the number of channels).
   */
  static final long SEND_BUFFER = 16L << 20;

  /** What the association's send buffer must hold beyond {@link #SEND_BUFFER}: DCEP and resets. */
  static final long CONTROL_MARGIN = 1L << 20;

  private final EventLoop loop;
  private final LongSupplier clock;
  private final Executor dispatch;
  private final Consumer<RTCDataChannel> announceRemoteChannel;
  private final AtomicLong queued = new AtomicLong();
  private volatile long maxMessageSize = 65536;

  // Loop-confined.
  private @Nullable TransportStack stack;
  private final Map<Integer, RTCDataChannel> byStream = new HashMap<>();
  private final Map<RTCDataChannel, StreamId> streams = new HashMap<>();
  /** Bytes handed to SCTP for the channel and not yet reported as sent, by stream. */
  private final Map<Integer, Long> outstanding = new HashMap<>();
  private final List<RTCDataChannel> waiting = new ArrayList<>();
  private long droppedAfterAdmission;

  /**
   * @param announceRemoteChannel runs in a dispatch task for a channel the peer opened: fires
   *     {@code datachannel} (the channel's {@code open} is announced right after)
   */
  DataChannelBridge(EventLoop loop, LongSupplier clock, Executor dispatch, Consumer<RTCDataChannel> announceRemoteChannel) {
    this.loop = loop;
    this.clock = clock;
    this.dispatch = dispatch;
    this.announceRemoteChannel = announceRemoteChannel;
  }

  // ---------------------------------------------------------------- RTCDataChannel.Transport

  @Override
  public long maxMessageSize() {
    return maxMessageSize;
  }

  @Override
  public boolean send(RTCDataChannel channel, boolean binary, ByteBuffer payload) {
    long size = payload.remaining();
    long after = queued.addAndGet(size);
    if (after > SEND_BUFFER && after != size) {
      // One message may always be queued when nothing else is (it is at most maxMessageSize).
      queued.addAndGet(-size);
      return false;
    }
    boolean accepted = loop.execute(() -> sendOnLoop(channel, binary, payload, size));
    if (!accepted) {
      queued.addAndGet(-size);
    }
    return accepted;
  }

  @Override
  public void close(RTCDataChannel channel) {
    if (!loop.execute(() -> closeOnLoop(channel))) {
      channel.announceClosed(null);
    }
  }

  // ---------------------------------------------------------------- loop side

  /** A channel created by {@code createDataChannel}: opened now if SCTP is negotiated, else later. */
  void add(RTCDataChannel channel) {
    if (stack != null && stack.channels() != null) {
      openOnLoop(channel, new ArrayList<>());
    } else {
      waiting.add(channel);
    }
  }

  /**
   * SCTP is negotiated and the association exists: opens every waiting channel (ids from the DTLS
   * role, RFC 8832 §6). Returns the tasks to dispatch (errors of channels that could not open).
   */
  void negotiated(TransportStack stack, long remoteMaxMessageSize, List<Runnable> out) {
    this.stack = stack;
    this.maxMessageSize = remoteMaxMessageSize == 0 ? Long.MAX_VALUE : remoteMaxMessageSize;
    List<RTCDataChannel> open = new ArrayList<>(waiting);
    waiting.clear();
    for (RTCDataChannel c : open) {
      openOnLoop(c, out);
    }
  }

  private void openOnLoop(RTCDataChannel channel, List<Runnable> out) {
    TransportStack s = stack;
    if (s == null || channel.readyState() == RTCDataChannelState.CLOSED
        || channel.readyState() == RTCDataChannelState.CLOSING) {
      return;
    }
    StreamId id;
    try {
      id = s.openChannel(clock.getAsLong(), configOf(channel), channel.negotiated() ? channel.id() : OptionalInt.empty());
    } catch (IllegalStateException e) {
      // W3C "announce the channel as closed" with an OperationError-like failure.
      RTCError error = RTCError.of(RTCError.ErrorDetail.DATA_CHANNEL_FAILURE, "cannot open the channel: " + e.getMessage());
      out.add(() -> channel.announceClosed(error));
      return;
    }
    if (!channel.negotiated()) {
      channel.assignId(id.value());
    }
    if (channel.attachTransport(this)) {
      byStream.put(id.value(), channel);
      streams.put(channel, id);
    } else {
      s.closeChannel(clock.getAsLong(), id);
    }
  }

  private void sendOnLoop(RTCDataChannel channel, boolean binary, ByteBuffer payload, long size) {
    StreamId id = streams.get(channel);
    TransportStack s = stack;
    SendResult r = id == null || s == null ? SendResult.CLOSED : s.send(clock.getAsLong(), id, binary, payload);
    if (r == SendResult.ACCEPTED) {
      outstanding.merge(id.value(), size, Long::sum);
    } else {
      // The channel closed between admission and here (or the peer's window vanished with it).
      queued.addAndGet(-size);
      droppedAfterAdmission++;
      LOG.log(Level.DEBUG, "message of {0} bytes on {1} not sent: {2}", size, channel.label(), r);
    }
  }

  private void closeOnLoop(RTCDataChannel channel) {
    StreamId id = streams.get(channel);
    TransportStack s = stack;
    if (id == null || s == null || s.channels() == null) {
      waiting.remove(channel);
      channel.announceClosed(null);
      return;
    }
    s.closeChannel(clock.getAsLong(), id);
  }

  /** One controller event: the tasks it causes are appended to {@code out}, in order. */
  void onChannelEvent(ChannelEvent e, List<Runnable> out) {
    switch (e) {
      case ChannelEvent.TransportUp up -> {}
      case ChannelEvent.Opened o -> {
        RTCDataChannel c = byStream.get(o.id().value());
        if (c != null) {
          out.add(c::announceOpen);
        }
      }
      case ChannelEvent.Incoming in -> {
        RTCDataChannel c = RTCDataChannel.remote(in.config().label(), initOf(in.config()), in.id().value(), this, dispatch);
        byStream.put(in.id().value(), c);
        streams.put(c, in.id());
        out.add(() -> {
          announceRemoteChannel.accept(c);
          c.announceOpen();
        });
      }
      case ChannelEvent.Message m -> {
        RTCDataChannel c = byStream.get(m.id().value());
        if (c != null) {
          out.add(() -> c.announceMessage(m.binary(), m.data()));
        }
      }
      case ChannelEvent.BufferedAmountLow low -> {}
      case ChannelEvent.ChannelClosed closed -> {
        RTCDataChannel c = byStream.remove(closed.id().value());
        if (c != null) {
          streams.remove(c);
          Long left = outstanding.remove(closed.id().value());
          if (left != null) {
            queued.addAndGet(-left);
          }
          out.add(() -> {
            c.announceClosing();
            c.announceClosed(null);
          });
        }
      }
      case ChannelEvent.TransportClosed tc -> {
        for (RTCDataChannel c : List.copyOf(byStream.values())) {
          out.add(() -> {
            c.announceClosing();
            c.announceClosed(tc.error() ? RTCError.sctp(tc.reason(), 0) : null);
          });
        }
        byStream.clear();
        streams.clear();
        outstanding.clear();
        queued.set(0);
      }
    }
  }

  /**
   * After the transport moved data: reports to each channel the bytes SCTP has sent since the last
   * report (lowering bufferedAmount, which may fire bufferedamountlow) and frees their budget.
   */
  void reportSent(List<Runnable> out) {
    TransportStack s = stack;
    DataChannelController c = s == null ? null : s.channels();
    if (c == null || outstanding.isEmpty()) {
      return;
    }
    for (Iterator<Map.Entry<Integer, Long>> it = outstanding.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Integer, Long> e = it.next();
      long left = c.bufferedAmount(new StreamId(e.getKey()));
      long sent = e.getValue() - left;
      if (sent <= 0) {
        continue;
      }
      queued.addAndGet(-sent);
      if (left <= 0) {
        it.remove();
      } else {
        e.setValue(left);
      }
      RTCDataChannel ch = byStream.get(e.getKey());
      if (ch != null) {
        out.add(() -> ch.announceBytesSent(sent));
      }
    }
  }

  /** The connection closed: nothing more is sent; channels were closed without events. */
  void close() {
    byStream.clear();
    streams.clear();
    outstanding.clear();
    waiting.clear();
    stack = null;
  }

  long droppedAfterAdmission() {
    return droppedAfterAdmission;
  }

  private static ChannelConfig configOf(RTCDataChannel c) {
    return new ChannelConfig(c.label(), c.protocol(), c.ordered(),
        c.maxRetransmits().orElse(-1), c.maxPacketLifeTime().isPresent() ? c.maxPacketLifeTime().getAsInt() : -1,
        priorityOf(c.priority()), c.negotiated());
  }

  /** RFC 8831 §6.4 / W3C RTCPriorityType: very-low 128, low 256, medium 512, high 1024. */
  private static int priorityOf(RTCPriorityType p) {
    return switch (p) {
      case VERY_LOW -> 128;
      case LOW -> 256;
      case MEDIUM -> 512;
      case HIGH -> 1024;
    };
  }

  private static RTCPriorityType priorityOf(int wire) {
    if (wire <= 128) {
      return RTCPriorityType.VERY_LOW;
    }
    if (wire <= 256) {
      return RTCPriorityType.LOW;
    }
    return wire <= 512 ? RTCPriorityType.MEDIUM : RTCPriorityType.HIGH;
  }

  private static RTCDataChannelInit initOf(ChannelConfig c) {
    RTCDataChannelInit.Builder b = RTCDataChannelInit.builder().ordered(c.ordered()).protocol(c.protocol())
        .priority(priorityOf(c.priority()));
    if (c.maxRetransmits() >= 0) {
      b.maxRetransmits(c.maxRetransmits());
    }
    if (c.maxPacketLifeTimeMs() >= 0) {
      b.maxPacketLifeTime((int) c.maxPacketLifeTimeMs());
    }
    return b.build();
  }
}
