package dev.webrtc4j;

import dev.webrtc4j.internal.io.DispatchExecutor;
import java.util.concurrent.Executor;

/**
 * The dispatch executor of objects that belong to no connection (a {@link MediaStreamTrack} or
 * {@link MediaStream} the application creates): one serial {@link DispatchExecutor} shared by
 * them all. Objects a connection creates use that connection's executor instead.
 */
final class Standalone {
  static final Executor DISPATCH = new DispatchExecutor();

  private Standalone() {}
}
