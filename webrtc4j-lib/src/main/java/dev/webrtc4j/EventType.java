package dev.webrtc4j;

import java.util.Objects;

/**
 * The name of an event together with the Java type of its payload, so that {@link
 * EventTarget#addEventListener(EventType, EventListener)} is type-safe. Each event target declares
 * its types as constants, e.g. {@code RTCDataChannel.MESSAGE}.
 *
 * @param name the DOM event type, e.g. {@code "message"}
 * @param eventClass the class of the events of that name
 * @param <E> the event type
 */
public record EventType<E extends Event>(String name, Class<E> eventClass) {
  public EventType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(eventClass, "eventClass");
  }

  /** A type whose events are plain {@link Event}s. */
  public static EventType<Event> plain(String name) {
    return new EventType<>(name, Event.class);
  }

  /** A type whose events are of class {@code eventClass}. */
  public static <E extends Event> EventType<E> of(String name, Class<E> eventClass) {
    return new EventType<>(name, eventClass);
  }
}
