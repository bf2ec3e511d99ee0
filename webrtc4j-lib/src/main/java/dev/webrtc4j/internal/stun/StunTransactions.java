package dev.webrtc4j.internal.stun;

import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.internal.util.Timer;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Client transactions (RFC 8489 §6.2): sends each request, retransmits it on the RFC's schedule
 * until a response is matched, and reports a timeout when the schedule runs out. Sans-I/O: the
 * owner feeds time and drains {@link #pollTransmit()} and {@link #pollTimedOut()}.
 *
 * <p>Over UDP, RFC 8489 §6.2.1: "A client SHOULD retransmit a STUN request message starting with
 * an interval of RTO ("Retransmission TimeOut"), doubling after each retransmission. ...
 * Retransmissions continue until a response is received or until a total of Rc requests have been
 * sent. Rc SHOULD be configurable and SHOULD have a default of 7. If, after the last request, a
 * duration equal to Rm times the RTO has passed without a response ..., the client SHOULD consider
 * the transaction to have failed. Rm SHOULD be configurable and SHOULD have a default of 16." With
 * the defaults a request goes out at 0, 500, 1500, 3500, 7500, 15500 and 31500 ms and fails at
 * 39500 ms.
 *
 * <p>Over TCP/TLS (§6.2.2) a request is sent once and fails after Ti (default 39.5 s).
 *
 * <p>Not thread-safe: lives on its owner's event loop.
 *
 * @param <C> what the owner wants back with the response or timeout
 */
public final class StunTransactions<C> {
  /**
   * The retransmission parameters. ICE connectivity checks pass their own RTO (RFC 8445 §14.3).
   *
   * @param rtoNanos the initial RTO (default 500 ms)
   * @param rc total number of requests sent over UDP (default 7)
   * @param rm multiple of the initial RTO to wait after the last request (default 16)
   * @param maxRtoNanos cap on the doubled interval (default: none)
   * @param reliable true over TCP/TLS: one request, failure after {@code reliableTimeoutNanos}
   * @param reliableTimeoutNanos Ti (default 39.5 s)
   */
  public record Config(long rtoNanos, int rc, int rm, long maxRtoNanos, boolean reliable, long reliableTimeoutNanos) {
    public static final Config DEFAULT = new Config(500_000_000L, 7, 16, Long.MAX_VALUE / 4, false, 39_500_000_000L);

    public Config {
      if (rtoNanos <= 0 || rc < 1 || rm < 1 || maxRtoNanos < rtoNanos || reliableTimeoutNanos <= 0) {
        throw new IllegalArgumentException("bad STUN transaction config: rto " + rtoNanos + " Rc " + rc + " Rm " + rm + " maxRto " + maxRtoNanos);
      }
    }

    public Config withRto(long rtoNanos) {
      return new Config(rtoNanos, rc, rm, Math.max(maxRtoNanos, rtoNanos), reliable, reliableTimeoutNanos);
    }

    public Config withRc(int rc) {
      return new Config(rtoNanos, rc, rm, maxRtoNanos, reliable, reliableTimeoutNanos);
    }

    public Config withRm(int rm) {
      return new Config(rtoNanos, rc, rm, maxRtoNanos, reliable, reliableTimeoutNanos);
    }

    public Config withMaxRto(long maxRtoNanos) {
      return new Config(rtoNanos, rc, rm, maxRtoNanos, reliable, reliableTimeoutNanos);
    }

    public Config withReliable(boolean reliable) {
      return new Config(rtoNanos, rc, rm, maxRtoNanos, reliable, reliableTimeoutNanos);
    }
  }

  /** A transaction that got no response. */
  public record TimedOut<C>(TransactionId transactionId, C context, int requestsSent) {}

  /** A matched response: the owner's context and the round-trip time of the first request. */
  public record Completed<C>(C context, long startedNanos, int requestsSent) {}

  private static final class Entry<C> {
    final TransactionId id;
    final Datagram request;
    final C context;
    final Config config;
    final long started;
    final @Nullable Timer retransmit;
    final Timer giveUp;
    int sent;

    Entry(TransactionId id, Datagram request, C context, Config config, long now) {
      this.id = id;
      this.request = request;
      this.context = context;
      this.config = config;
      this.started = now;
      this.sent = 1;
      if (config.reliable()) {
        retransmit = null;
        giveUp = Timer.oneShot("stun-ti", config.reliableTimeoutNanos());
        giveUp.start(now);
      } else {
        giveUp = Timer.oneShot("stun-rm", saturatingMultiply(config.rtoNanos(), config.rm()));
        if (config.rc() > 1) {
          // Fires Rc-1 times: Rc-2 restarts, doubling each time; the last firing exhausts it.
          retransmit = new Timer("stun-rtx", config.rtoNanos(), Timer.Backoff.EXPONENTIAL, config.rc() - 2, config.maxRtoNanos());
          retransmit.start(now);
        } else {
          retransmit = null;
          giveUp.start(now);
        }
      }
    }

    long deadline() {
      return Math.min(retransmit == null ? Long.MAX_VALUE : retransmit.nextExpiry(), giveUp.nextExpiry());
    }
  }

  private final Config defaults;
  private final Map<TransactionId, Entry<C>> pending = new LinkedHashMap<>();
  private final ArrayDeque<Datagram> transmits = new ArrayDeque<>();
  private final ArrayDeque<TimedOut<C>> timedOut = new ArrayDeque<>();

  public StunTransactions(Config defaults) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
  }

  public Config defaults() {
    return defaults;
  }

  /** Starts a transaction with the default config; the first request is queued for {@link #pollTransmit()}. */
  public void start(long now, TransactionId id, Datagram request, C context) {
    start(now, id, request, context, defaults);
  }

  /**
   * Starts a transaction with its own config (ICE checks pass their RTO). The request payload is
   * copied, so the caller may reuse its buffer.
   */
  public void start(long now, TransactionId id, Datagram request, C context, Config config) {
    if (pending.containsKey(id)) {
      throw new IllegalStateException("transaction " + id + " already pending");
    }
    ByteBuffer copy = ByteBuffer.allocate(request.length()).put(request.payload().duplicate()).flip().asReadOnlyBuffer();
    Datagram stored = new Datagram(request.source(), request.destination(), copy);
    pending.put(id, new Entry<>(id, stored, context, config, now));
    transmits.add(copyOf(stored));
  }

  private static Datagram copyOf(Datagram d) {
    return new Datagram(d.source(), d.destination(), d.payload().duplicate());
  }

  /**
   * Ends the transaction whose id the response carries and returns its context, or null when no
   * such transaction is pending (a late, duplicate or forged response: the caller drops it).
   */
  public @Nullable Completed<C> complete(TransactionId id) {
    Entry<C> e = pending.remove(id);
    return e == null ? null : new Completed<>(e.context, e.started, e.sent);
  }

  /** The context of a pending transaction, without ending it. */
  public @Nullable C peek(TransactionId id) {
    Entry<C> e = pending.get(id);
    return e == null ? null : e.context;
  }

  /** Forgets a pending transaction (no timeout will be reported). Returns whether it was pending. */
  public boolean cancel(TransactionId id) {
    return pending.remove(id) != null;
  }

  public boolean isPending(TransactionId id) {
    return pending.containsKey(id);
  }

  public int size() {
    return pending.size();
  }

  public void handleTimeout(long now) {
    Iterator<Entry<C>> it = pending.values().iterator();
    while (it.hasNext()) {
      Entry<C> e = it.next();
      if (e.retransmit != null && e.retransmit.expire(now)) {
        transmits.add(copyOf(e.request));
        e.sent++;
        if (e.retransmit.isExhausted()) {
          e.giveUp.start(now);
        }
      }
      if (e.giveUp.expire(now)) {
        it.remove();
        timedOut.add(new TimedOut<>(e.id, e.context, e.sent));
      }
    }
  }

  public @Nullable Datagram pollTransmit() {
    return transmits.poll();
  }

  public @Nullable TimedOut<C> pollTimedOut() {
    return timedOut.poll();
  }

  /** The earliest retransmission or give-up deadline; {@link Long#MAX_VALUE} when idle. */
  public long pollTimeout() {
    long min = Long.MAX_VALUE;
    for (Entry<C> e : pending.values()) {
      min = Math.min(min, e.deadline());
    }
    return min;
  }

  private static long saturatingMultiply(long a, int b) {
    long r = a * b;
    return (a != 0 && r / a != b) ? Long.MAX_VALUE / 2 : r;
  }
}
