package dev.webrtc4j.cli.bench;

import java.util.Locale;

/** The data-channel workloads, by the names {@code --workloads} and the reference script use. */
public enum Workload {
  SETUP, THROUGHPUT, PINGPONG, UNRELIABLE;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Workload fromCliName(String name) {
    for (Workload w : values()) {
      if (w.cliName().equals(name.trim())) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown workload '" + name + "' (known: setup,throughput,pingpong,unreliable)");
  }
}
