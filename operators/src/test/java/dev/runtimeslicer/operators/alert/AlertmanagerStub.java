package dev.runtimeslicer.operators.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for Alertmanager on 127.0.0.1: records every request with its parsed JSON body
 * and answers with scripted replies, then 200.
 */
final class AlertmanagerStub implements AutoCloseable {

  /** One received request. */
  record Request(String method, String path, String contentType, JsonNode body) {}

  /** A scripted answer; a negative status sends 200 headers and then never the body. */
  record Reply(int status, String body) {
    static final Reply STALL = new Reply(-1, "");
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<Request> requests = new ArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);

  AlertmanagerStub() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    // stalled replies block their handler thread, so others need threads of their own
    server.setExecutor(executor);
    server.start();
  }

  /** The base URL to configure the sink with. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers the next requests with these replies, in order, before falling back to 200. */
  AlertmanagerStub replyWith(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The postable alerts of every request, in arrival order. */
  synchronized List<JsonNode> alerts() {
    List<JsonNode> alerts = new ArrayList<>();
    requests.forEach(request -> request.body().forEach(alerts::add));
    return alerts;
  }

  /** Lets stalled replies end (an empty 200 body). */
  void release() {
    released.countDown();
  }

  /** Waits until at least {@code count} requests came in; fails after ten seconds. */
  void awaitRequests(int count) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (requests().size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected " + count + " request(s) within 10 s, got " + requests().size());
      }
      Thread.sleep(5);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    JsonNode body;
    try {
      body = MAPPER.readTree(bytes);
    } catch (IOException e) {
      // kept as text, so the test's assertions on the body fail and show it
      body = TextNode.valueOf("not JSON: " + new String(bytes, StandardCharsets.UTF_8));
    }
    synchronized (this) {
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              body));
    }
    Reply reply = script.poll();
    if (reply == null) {
      reply = new Reply(200, "");
    }
    if (reply.status() < 0) {
      exchange.sendResponseHeaders(200, 0);
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
