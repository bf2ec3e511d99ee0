package dev.webrtc4j.interop.browser;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;

/**
 * Where browser tests may run. A browser gathers candidates on every interface it sees, so a
 * browser is only ever started in a network namespace whose sole interface is {@code lo}
 * ({@code interop/browsers/netns.sh}, entered through {@code interop/browsers/run-in-netns.sh}).
 * The webrtc4j peer it talks to must run in the same namespace, i.e. in this JVM.
 */
public final class LoopbackNamespace {
  private LoopbackNamespace() {}

  /** True if every network interface this JVM can see is a loopback interface. */
  public static boolean isLoopbackOnly() {
    try {
      List<NetworkInterface> all = NetworkInterface.networkInterfaces().toList();
      for (NetworkInterface ni : all) {
        if (!ni.isLoopback() && (ni.isUp() || ni.inetAddresses().findAny().isPresent())) {
          return false;
        }
      }
      return !all.isEmpty();
    } catch (SocketException e) {
      return false;
    }
  }

  /** The namespace name netns.sh exported, if this JVM was started through it. */
  public static String name() {
    String ns = System.getenv("WEBRTC4J_NETNS");
    return ns == null ? "" : ns;
  }
}
