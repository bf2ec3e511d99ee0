package dev.webrtc4j;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The DOM {@code EventTarget}: listeners added with {@link #addEventListener}, and the {@code
 * onX} event handler attributes, exposed by subclasses as {@code setOnX(handler)}.
 *
 * <p>Semantics follow the DOM:
 *
 * <ul>
 *   <li>Listeners of a type are called in the order they were added; adding the same listener
 *       object twice for the same type has no effect; removing one that is not there does
 *       nothing.
 *   <li>An event handler attribute holds one handler. The first non-null handler takes its place
 *       among the listeners at that moment; replacing it keeps that place; setting {@code null}
 *       removes it (a later handler goes to the end).
 *   <li>Listeners added while an event is being dispatched do not receive that event; listeners
 *       removed during a dispatch and not yet called are not called.
 * </ul>
 *
 * <p>Events are fired through the {@link Executor} the owner supplies: the connection's serial
 * dispatch executor, never the event loop. A listener that throws is logged at WARNING and the
 * remaining listeners still run. Methods of this class are thread-safe.
 *
 * @see <a href="https://dom.spec.whatwg.org/#interface-eventtarget">DOM §2.7 EventTarget</a>
 */
public abstract class EventTarget {
  private static final System.Logger LOG = System.getLogger(EventTarget.class.getName());

  private final Executor dispatcher;
  private final Object lock = new Object();
  // Copy-on-write: dispatch iterates over a snapshot.
  private List<Entry> entries = List.of();

  /**
   * @param dispatcher where listeners run; must run tasks one at a time in submission order
   */
  protected EventTarget(Executor dispatcher) {
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  /** Adds {@code listener} for events of {@code type}, e.g. {@code "open"}. */
  public final void addEventListener(String type, EventListener<? super Event> listener) {
    add(type, listener);
  }

  /** Adds {@code listener} for events of {@code type}, typed by the event's class. */
  public final <E extends Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
    add(type.name(), listener);
  }

  /** Removes {@code listener} for {@code type}; does nothing if it was not added. */
  public final void removeEventListener(String type, EventListener<? super Event> listener) {
    remove(type, listener);
  }

  /** Removes {@code listener} for {@code type}; does nothing if it was not added. */
  public final <E extends Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
    remove(type.name(), listener);
  }

  /**
   * Sets the event handler attribute for {@code type} ({@code onX = handler}); {@code null}
   * clears it. For subclasses' {@code setOnX} methods.
   */
  protected final <E extends Event> void setEventHandler(EventType<E> type, @Nullable EventListener<? super E> handler) {
    synchronized (lock) {
      List<Entry> next = new ArrayList<>(entries);
      for (int i = 0; i < next.size(); i++) {
        Entry e = next.get(i);
        if (e.handler && e.type.equals(type.name())) {
          if (handler == null) {
            e.removed = true;
            next.remove(i);
            entries = List.copyOf(next);
          } else {
            // The handler keeps its place; a dispatch in progress calls the new value.
            e.listener = handler;
          }
          return;
        }
      }
      if (handler != null) {
        next.add(new Entry(type.name(), handler, true));
        entries = List.copyOf(next);
      }
    }
  }

  /** The current event handler attribute for {@code type}, or null. */
  protected final @Nullable EventListener<?> eventHandler(EventType<?> type) {
    for (Entry e : snapshot()) {
      if (e.handler && e.type.equals(type.name())) {
        return e.listener;
      }
    }
    return null;
  }

  /**
   * Queues {@code event} for dispatch to the listeners of its type, on the dispatch executor.
   * Returns at once.
   */
  protected final void fireEvent(Event event) {
    Objects.requireNonNull(event, "event");
    dispatcher.execute(() -> dispatchNow(event));
  }

  /**
   * Queues {@code task} on the dispatch executor and then, in the same task, fires {@code event}
   * if {@code task} returns true: the DOM's "queue a task to update state and fire an event".
   */
  protected final void queueTask(java.util.function.BooleanSupplier task, Event event) {
    Objects.requireNonNull(event, "event");
    dispatcher.execute(() -> {
      if (task.getAsBoolean()) {
        dispatchNow(event);
      }
    });
  }

  /** Queues {@code task} on the dispatch executor. */
  protected final void queueTask(Runnable task) {
    dispatcher.execute(task);
  }

  /** The executor events of this target are dispatched on. */
  protected final Executor dispatcher() {
    return dispatcher;
  }

  /**
   * Calls the listeners of {@code event.type()} now, on the calling thread. Must be called on the
   * dispatch executor.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  protected final void dispatchNow(Event event) {
    for (Entry e : snapshot()) {
      if (e.removed || !e.type.equals(event.type())) {
        continue;
      }
      try {
        ((EventListener) e.listener).handleEvent(event);
      } catch (RuntimeException | Error t) {
        if (t instanceof VirtualMachineError vme) {
          throw vme;
        }
        LOG.log(Level.WARNING, "listener for '" + event.type() + "' on " + getClass().getSimpleName() + " threw", t);
      }
    }
  }

  private List<Entry> snapshot() {
    synchronized (lock) {
      return entries;
    }
  }

  private void add(String type, EventListener<?> listener) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(listener, "listener");
    synchronized (lock) {
      for (Entry e : entries) {
        if (!e.handler && e.type.equals(type) && e.listener == listener) {
          return;
        }
      }
      List<Entry> next = new ArrayList<>(entries);
      next.add(new Entry(type, listener, false));
      entries = List.copyOf(next);
    }
  }

  private void remove(String type, EventListener<?> listener) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(listener, "listener");
    synchronized (lock) {
      List<Entry> next = new ArrayList<>(entries);
      for (int i = 0; i < next.size(); i++) {
        Entry e = next.get(i);
        if (!e.handler && e.type.equals(type) && e.listener == listener) {
          e.removed = true;
          next.remove(i);
          entries = List.copyOf(next);
          return;
        }
      }
    }
  }

  private static final class Entry {
    final String type;
    volatile EventListener<?> listener;
    final boolean handler;
    volatile boolean removed;

    Entry(String type, EventListener<?> listener, boolean handler) {
      this.type = type;
      this.listener = listener;
      this.handler = handler;
    }
  }
}
