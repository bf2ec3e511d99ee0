package dev.webrtc4j;

/**
 * The DOM {@code EventListener} callback: receives events of type {@code E}.
 *
 * <p>Listeners run on the owning connection's serial dispatch executor, one event at a time and
 * in the order the events were fired, never on the connection's event loop. A listener that
 * throws is logged; the other listeners still run.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventListener<E extends Event> {
  void handleEvent(E event);
}
