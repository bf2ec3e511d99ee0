package dev.webrtc4j.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs the libwebrtc reference ({@code bench-reference/bench.mjs}, Node + @roamhq/wrtc) as a
 * subprocess with the same workload options and reads its figure lines.
 *
 * <p>Network rule: libwebrtc gathers on every interface, so the script must run where only
 * loopback is up. If this JVM already is in such a namespace (the whole compare run under
 * {@code interop/browsers/netns.sh}), the script runs directly; otherwise it is started through
 * {@code interop/browsers/netns.sh}, which needs root. The script itself refuses to run when it
 * sees any other interface.
 */
final class ReferenceRunner {
  /** Bound on one reference run: the full default workload set takes a few minutes. */
  static final long TIMEOUT_MINUTES = 30;

  private final Path root;

  ReferenceRunner(Path root) {
    this.root = root;
  }

  /**
   * The repository root: the given directory, or the first of the working directory and its
   * parents, then the CLI jar's {@code ../..}, that holds {@code bench-reference/bench.mjs}.
   */
  static Path locateRoot(@Nullable Path given) {
    if (given != null) {
      if (!Files.isRegularFile(given.resolve("bench-reference/bench.mjs"))) {
        throw new IllegalArgumentException(given + " holds no bench-reference/bench.mjs");
      }
      return given;
    }
    List<Path> starts = new ArrayList<>();
    starts.add(Path.of("").toAbsolutePath());
    jarDirectory().ifPresent(starts::add);
    for (Path start : starts) {
      for (Path p = start; p != null; p = p.getParent()) {
        if (Files.isRegularFile(p.resolve("bench-reference/bench.mjs"))) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException("bench-reference/bench.mjs not found from " + starts + "; give --repo DIR");
  }

  private static Optional<Path> jarDirectory() {
    try {
      return Optional.of(Path.of(ReferenceRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent());
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** True when every network interface that is up is a loopback one. */
  static boolean onlyLoopbackUp() throws SocketException {
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (ni.isUp() && !ni.isLoopback()) {
        return false;
      }
    }
    return true;
  }

  /** The command line that runs the script with {@code args}, in a loopback-only namespace. */
  List<String> command(List<String> args, boolean alreadyIsolated) {
    List<String> cmd = new ArrayList<>();
    if (!alreadyIsolated) {
      cmd.add(root.resolve("interop/browsers/netns.sh").toString());
    }
    cmd.add("node");
    cmd.add(root.resolve("bench-reference/bench.mjs").toString());
    cmd.addAll(args);
    return cmd;
  }

  /** Runs the reference and returns its figures; its progress lines go to {@code err}. */
  List<Figure> run(WorkloadConfig config, PrintWriter err) throws IOException, InterruptedException {
    if (!Files.isDirectory(root.resolve("bench-reference/node_modules/@roamhq/wrtc"))) {
      throw new IllegalStateException("@roamhq/wrtc is not installed: (cd " + root.resolve("bench-reference") + " && npm ci)");
    }
    boolean isolated = onlyLoopbackUp();
    if (!isolated && !"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException(
          "interfaces other than loopback are up and this is not root: run the whole compare under interop/browsers/netns.sh as root");
    }
    List<String> cmd = command(config.referenceArgs(), isolated);
    err.println("[compare] " + String.join(" ", cmd));
    err.flush();
    Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().close();
    List<Figure> figures = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        Optional<Figure> f = Figure.fromJsonLine(line);
        if (f.isPresent()) {
          figures.add(f.get());
        } else {
          err.println("[libwebrtc] " + line);
          err.flush();
        }
      }
    }
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroy();
      throw new IllegalStateException("reference run did not end within " + TIMEOUT_MINUTES + " minutes");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("reference run failed with exit status " + p.exitValue() + " (its messages are above)");
    }
    return figures;
  }
}
