package dev.runtimeslicer.simulator;

import dev.runtimeslicer.simulator.fault.FailureCause;
import dev.runtimeslicer.simulator.otlp.SpanFactory.ClientError;
import dev.runtimeslicer.simulator.system.Outcome;
import dev.runtimeslicer.simulator.system.Protocol;
import dev.runtimeslicer.simulator.system.Service;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Log line templates with realistic parameters: access logs, call failures, retries and timeouts,
 * exceptions with stack frames, slow queries, thread-pool rejections, startup and background lines.
 */
final class LogTemplates {

  private static final String TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
  private static final int TOKEN_LENGTH = 10;
  private static final String[] USER_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0"
        + " Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
        + " Gecko) Mobile/15E148",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "okhttp/4.12.0"
  };
  private static final String[] BUG_EXCEPTIONS = {
    "java.lang.NullPointerException: Cannot invoke \"String.length()\" because"
        + " \"request.currencyCode\" is null",
    "java.lang.IllegalStateException: Inconsistent state for entity id=%s: version conflict",
    "java.lang.IndexOutOfBoundsException: Index 3 out of bounds for length 3",
    "java.lang.NumberFormatException: For input string: \"%s\""
  };
  private static final String[] BACKGROUND = {
    "Health check passed: status=UP, diskSpace=UP, ping=UP",
    "Refreshed local cache: %d entries in %d ms",
    "HikariPool-1 - Pool stats (total=10, active=%d, idle=%d, waiting=0)",
    "Flushed %d metric points to exporter",
    "Scheduled cleanup removed %d expired sessions"
  };

  private LogTemplates() {}

  /** One access log line in combined-log style (HTTP) or gRPC interceptor style. */
  static String access(
      Service service,
      String operation,
      Outcome outcome,
      int bytes,
      double millis,
      RandomGenerator random) {
    StringBuilder line = new StringBuilder(160);
    if (service.protocol() == Protocol.HTTP) {
      int space = operation.indexOf(' ');
      String method = space > 0 ? operation.substring(0, space) : "GET";
      String path = space > 0 ? operation.substring(space + 1) : operation;
      line.append("10.244.")
          .append(random.nextInt(8))
          .append('.')
          .append(2 + random.nextInt(250))
          .append(" - - \"")
          .append(method)
          .append(' ');
      fillPath(line, path, random);
      line.append(" HTTP/1.1\" ")
          .append(outcome.httpStatus(service.kind()))
          .append(' ')
          .append(bytes)
          .append(" \"-\" \"")
          .append(USER_AGENTS[random.nextInt(USER_AGENTS.length)])
          .append("\" ");
    } else {
      line.append("finished call grpc.service=")
          .append(service.name())
          .append(" grpc.method=")
          .append(operation)
          .append(" grpc.code=")
          .append(outcome.failed() ? outcome.name() : "OK")
          .append(" grpc.time_ms=");
    }
    appendMillis(line, millis);
    if (service.protocol() == Protocol.HTTP) {
      line.append("ms");
    }
    return line.toString();
  }

  /** The exception an operation logs when it fails by itself. */
  static String failure(
      FailureCause cause, Service service, String operation, RandomGenerator random) {
    String handler = className(service.name());
    return switch (cause) {
      case CONFIG -> configFailure(service, operation);
      case INJECTED_ERROR ->
          "Request processing failed for "
              + operation
              + ": org.springframework.web.server.ResponseStatusException: 500"
              + " INTERNAL_SERVER_ERROR \"upstream dependency returned an invalid response\"\n"
              + "\tat com.example."
              + handler
              + ".handle("
              + handler
              + ".java:"
              + (80 + random.nextInt(200))
              + ")\n"
              + "\tat org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)";
      case BUG ->
          "Unhandled exception in "
              + operation
              + ": "
              + String.format(
                  Locale.ROOT, BUG_EXCEPTIONS[random.nextInt(BUG_EXCEPTIONS.length)], token(random))
              + "\n\tat com.example."
              + handler
              + "."
              + methodName(operation)
              + "("
              + handler
              + ".java:"
              + (40 + random.nextInt(300))
              + ")";
    };
  }

  /** The exception a request logs when it touches the broken configuration value. */
  static String configFailure(Service service, String operation) {
    return "Failed to apply property 'client.retry.backoff' while handling "
        + operation
        + ": java.time.format.DateTimeParseException: Text '250msx' cannot be parsed to a"
        + " Duration\n"
        + "\tat java.base/java.time.Duration.parse(Duration.java:417)\n"
        + "\tat com.example."
        + className(service.name())
        + "Config.retryBackoff("
        + className(service.name())
        + "Config.java:57)";
  }

  /** A caller's line about a failed call; {@code retrying} says whether another attempt follows. */
  static String callFailed(
      Service callee,
      String operation,
      Outcome outcome,
      ClientError clientError,
      double timeoutMs,
      int attempt,
      int attempts,
      boolean retrying) {
    StringBuilder line = new StringBuilder(160);
    if (retrying) {
      line.append("Retrying call to ")
          .append(callee.name())
          .append('/')
          .append(operation)
          .append(" (attempt ")
          .append(attempt + 1)
          .append(" of ")
          .append(attempts)
          .append(") after: ");
    } else {
      line.append("Call to ")
          .append(callee.name())
          .append('/')
          .append(operation)
          .append(" failed: ");
    }
    line.append(reason(callee, outcome, clientError, timeoutMs));
    return line.toString();
  }

  private static String reason(
      Service callee, Outcome outcome, ClientError clientError, double timeoutMs) {
    boolean grpc = callee.protocol() == Protocol.GRPC;
    switch (clientError) {
      case CONNECTION_REFUSED:
        return grpc
            ? "io.grpc.StatusRuntimeException: UNAVAILABLE: io exception: Connection refused: "
                + callee.name()
                + ":50051"
            : "java.net.ConnectException: Connection refused (" + callee.name() + ":8080)";
      case CONNECTION_RESET:
        return grpc
            ? "io.grpc.StatusRuntimeException: UNAVAILABLE: io exception: Connection reset by peer"
            : "java.net.SocketException: Connection reset";
      case TIMEOUT:
        return grpc
            ? "io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded after "
                + String.format(Locale.ROOT, "%.3fs", timeoutMs / 1000)
            : "java.net.SocketTimeoutException: Read timed out after " + (long) timeoutMs + " ms";
      default:
        break;
    }
    if (grpc) {
      return "io.grpc.StatusRuntimeException: "
          + grpcName(outcome.grpcStatus())
          + ": "
          + outcome.name().toLowerCase(Locale.ROOT);
    }
    if (callee.protocol() == Protocol.DB) {
      return "com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure";
    }
    int status = outcome.httpStatus(callee.kind());
    return "org.springframework.web.client.HttpServerErrorException: "
        + status
        + " "
        + (status == 503
            ? "Service Unavailable"
            : status == 504 ? "Gateway Timeout" : "Internal Server Error");
  }

  private static String grpcName(int code) {
    return switch (code) {
      case 4 -> "DEADLINE_EXCEEDED";
      case 8 -> "RESOURCE_EXHAUSTED";
      case 13 -> "INTERNAL";
      case 14 -> "UNAVAILABLE";
      default -> "UNKNOWN";
    };
  }

  /** A caller's warning about a call that succeeded but took long. */
  static String slowCall(Service callee, String operation, double millis) {
    StringBuilder line =
        new StringBuilder(96)
            .append("Slow call to ")
            .append(callee.name())
            .append('/')
            .append(operation)
            .append(" took ");
    appendMillis(line, millis);
    return line.append(" ms").toString();
  }

  /** A worker pool rejecting a request. */
  static String rejected(Service service, long completed) {
    int pool = service.resources().threadPool();
    return "java.util.concurrent.RejectedExecutionException: Task rejected from"
        + " java.util.concurrent.ThreadPoolExecutor[Running, pool size = "
        + pool
        + ", active threads = "
        + pool
        + ", queued tasks = 1000, completed tasks = "
        + completed
        + "]";
  }

  /** A storage engine's slow-query log line. */
  static String slowQuery(
      Service service, String operation, double millis, RandomGenerator random) {
    String db = service.dbSystem() == null ? "mysql" : service.dbSystem();
    return switch (db) {
      case "mongodb" ->
          String.format(
              Locale.ROOT,
              "{\"c\":\"COMMAND\",\"msg\":\"Slow"
                  + " query\",\"attr\":{\"type\":\"command\",\"ns\":\"%s.%s\",\"command\":\"%s\","
                  + "\"planSummary\":\"IXSCAN"
                  + " { user_id: 1 }\",\"keysExamined\":%d,\"durationMillis\":%d}}",
              service.name().replace("-mongodb", ""),
              "documents",
              operation,
              10 + random.nextInt(5000),
              (long) millis);
      case "redis", "memcached" ->
          String.format(
              Locale.ROOT,
              "slowlog: %s %s:%s took %d us",
              operation,
              service.name(),
              token(random),
              (long) (millis * 1000));
      default ->
          String.format(
              Locale.ROOT,
              "# Query_time: %.6f  Lock_time: %.6f Rows_sent: %d  Rows_examined: %d\n" + "%s",
              millis / 1000,
              random.nextDouble() * millis / 10000,
              random.nextInt(50),
              100 + random.nextInt(20000),
              sql(operation));
    };
  }

  private static String sql(String operation) {
    return switch (operation) {
      case "INSERT" ->
          "INSERT INTO orders (id, account_id, trip_id, seat, price, status) VALUES (?, ?, ?, ?, ?,"
              + " ?);";
      case "UPDATE" -> "UPDATE orders SET status = ? WHERE id = ?;";
      default ->
          "SELECT * FROM orders WHERE account_id = ? AND travel_date >= ? ORDER BY bought_date"
              + " DESC;";
    };
  }

  /** The lines a process writes while starting. */
  static List<String> startup(Service service, double seconds) {
    String app = className(service.name()) + "Application";
    if (service.kind().isStorage()) {
      return List.of(
          "Server initialized",
          "Ready to accept connections on port "
              + (service.dbSystem() == null
                  ? 3306
                  : switch (service.dbSystem()) {
                    case "mongodb" -> 27017;
                    case "redis" -> 6379;
                    case "memcached" -> 11211;
                    default -> 3306;
                  }));
    }
    return List.of(
        "Starting " + app + " v1.4.2 using Java 17.0.9 with PID 1",
        "Tomcat started on port 8080 (http) with context path '/'",
        String.format(
            Locale.ROOT,
            "Started %s in %.3f seconds (process running for %.3f)",
            app,
            seconds,
            seconds + 0.6));
  }

  /** A routine line not tied to a request. */
  static String background(RandomGenerator random) {
    String template = BACKGROUND[random.nextInt(BACKGROUND.length)];
    return String.format(Locale.ROOT, template, 1 + random.nextInt(5000), 1 + random.nextInt(50));
  }

  private static void fillPath(StringBuilder line, String route, RandomGenerator random) {
    int i = 0;
    while (i < route.length()) {
      char c = route.charAt(i);
      if (c == '{') {
        int close = route.indexOf('}', i);
        if (close > i) {
          line.append(token(random));
          i = close + 1;
          continue;
        }
      }
      line.append(c);
      i++;
    }
  }

  private static String token(RandomGenerator random) {
    char[] chars = new char[TOKEN_LENGTH];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length()));
    }
    return new String(chars);
  }

  private static void appendMillis(StringBuilder line, double millis) {
    long thousandths = Math.round(millis * 1000);
    line.append(thousandths / 1000).append('.');
    long fraction = thousandths % 1000;
    if (fraction < 100) {
      line.append('0');
    }
    if (fraction < 10) {
      line.append('0');
    }
    line.append(fraction);
  }

  private static String className(String service) {
    StringBuilder name = new StringBuilder();
    boolean upper = true;
    for (char c : service.replace("service", "-service").toCharArray()) {
      if (c == '-' || c == '_') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString().replace("Ts", "");
  }

  private static String methodName(String operation) {
    String last =
        operation.substring(operation.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9]", "");
    if (last.isEmpty()) {
      return "handle";
    }
    return Character.toLowerCase(last.charAt(0)) + last.substring(1);
  }
}
