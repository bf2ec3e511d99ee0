package dev.webrtc4j.cli.echo;

import java.util.Map;

/** A request the server refuses: the status, a plain-text message, and any extra headers. */
final class HttpProblem extends Exception {
  final int status;
  final Map<String, String> headers;

  HttpProblem(int status, String message) {
    this(status, message, Map.of());
  }

  HttpProblem(int status, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.headers = headers;
  }
}
