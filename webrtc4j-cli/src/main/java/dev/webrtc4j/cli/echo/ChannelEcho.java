package dev.webrtc4j.cli.echo;

import dev.webrtc4j.MessageEvent;
import dev.webrtc4j.RTCException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Echoes one data channel: every message goes back unchanged, in arrival order, without loss.
 *
 * <p>Flow control (see {@link EchoLimits}): a message is handed to the channel only while its
 * {@code bufferedAmount} is at or under the high water mark; otherwise it waits in a FIFO backlog
 * that {@link #onBufferedAmountLow()} drains. {@code send} can still fail with {@code
 * OperationError} when other channels filled the association's shared send buffer; then the
 * message stays at the head of the backlog and {@code retryLater} asks for {@link #retry()} soon,
 * because this channel's {@code bufferedamountlow} may never fire (its own buffer may be empty).
 *
 * <p>Thread-safe: listener calls (the connection's dispatch thread) and retries (a timer thread)
 * serialise on this object, so the backlog order is the arrival order.
 */
final class ChannelEcho {
  private record Queued(MessageEvent.Data data, long bytes) {}

  private final EchoTarget target;
  private final EchoLimits limits;
  /** Backlog bytes of every channel of the session, against {@link EchoLimits#maxSessionBacklogBytes()}. */
  private final AtomicLong sessionBacklog;
  private final Consumer<ChannelEcho> retryLater;
  private final Consumer<String> log;
  private final Deque<Queued> backlog = new ArrayDeque<>();
  private long backlogBytes;
  private boolean done;
  private boolean retryAsked;
  private long echoed;

  ChannelEcho(
      EchoTarget target, EchoLimits limits, AtomicLong sessionBacklog, Consumer<ChannelEcho> retryLater, Consumer<String> log) {
    this.target = target;
    this.limits = limits;
    this.sessionBacklog = sessionBacklog;
    this.retryLater = retryLater;
    this.log = log;
  }

  /** A message arrived: echo it now, or queue it behind the ones still waiting. */
  synchronized void onMessage(MessageEvent.Data data) {
    if (done) {
      return;
    }
    long bytes = byteLength(data);
    if (backlog.isEmpty() && sendNow(data, bytes)) {
      return;
    }
    if (done) {
      return;
    }
    if (sessionBacklog.get() + bytes > limits.maxSessionBacklogBytes()) {
      giveUp("the client sent " + bytes + " more bytes while the session's echo backlog held "
          + sessionBacklog.get() + " bytes (bound " + limits.maxSessionBacklogBytes()
          + "): it does not read its echoes fast enough");
      return;
    }
    backlog.addLast(new Queued(data, bytes));
    backlogBytes += bytes;
    sessionBacklog.addAndGet(bytes);
  }

  /** The channel's buffer drained to the low water mark. */
  synchronized void onBufferedAmountLow() {
    drain();
  }

  /** The retry {@code retryLater} was asked for. */
  synchronized void retry() {
    retryAsked = false;
    drain();
  }

  /** The channel closed: the backlog has nowhere to go. */
  synchronized void onClose() {
    release();
  }

  /** Messages echoed so far. */
  synchronized long echoed() {
    return echoed;
  }

  /** Bytes waiting in this channel's backlog. */
  synchronized long backlogBytes() {
    return backlogBytes;
  }

  private void drain() {
    while (!done && !backlog.isEmpty()) {
      Queued head = backlog.peekFirst();
      if (!sendNow(head.data(), head.bytes())) {
        return;
      }
      backlog.removeFirst();
      backlogBytes -= head.bytes();
      sessionBacklog.addAndGet(-head.bytes());
    }
  }

  /** Tries to hand one message to the channel; false if it must wait (or the echo is done). */
  private boolean sendNow(MessageEvent.Data data, long bytes) {
    long buffered = target.bufferedAmount();
    if (buffered > 0 && buffered + bytes > limits.highWaterBytes()) {
      // bufferedamountlow fires when the buffer falls from above the low water mark to it. If the
      // buffer is already at or under it (a message larger than high - low), no event will come.
      if (buffered <= limits.lowWaterBytes()) {
        askRetry();
      }
      return false;
    }
    try {
      target.send(data);
      echoed++;
      return true;
    } catch (RTCException e) {
      if (e.errorName() == RTCException.Name.OPERATION_ERROR) {
        askRetry();
      } else {
        // InvalidStateError: the channel is closing or closed; nothing more can be echoed.
        release();
      }
      return false;
    } catch (IllegalArgumentException tooLarge) {
      giveUp("cannot echo a message of " + bytes + " bytes: " + tooLarge.getMessage());
      return false;
    }
  }

  /** One pending retry at a time: a burst of failures must not become a burst of timers. */
  private void askRetry() {
    if (!retryAsked) {
      retryAsked = true;
      retryLater.accept(this);
    }
  }

  private void giveUp(String reason) {
    log.accept("channel '" + target.label() + "' closed: " + reason);
    release();
    target.close();
  }

  private void release() {
    done = true;
    sessionBacklog.addAndGet(-backlogBytes);
    backlog.clear();
    backlogBytes = 0;
  }

  /** What {@code bufferedAmount} counts for the message: its bytes, text as UTF-8. */
  static long byteLength(MessageEvent.Data data) {
    return switch (data) {
      case MessageEvent.Text t -> utf8Length(t.text());
      case MessageEvent.Binary b -> b.length();
    };
  }

  private static long utf8Length(String s) {
    // Counting instead of encoding: the library encodes again when it sends.
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3; // a BMP character, or a lone surrogate that becomes U+FFFD
      }
    }
    return n;
  }
}
