package dev.runtimeslicer.operators.alert;

import dev.runtimeslicer.model.alert.Alert;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alerts waiting for delivery to Alertmanager, shared by the task thread (which offers) and the
 * delivery thread (which takes): at most one per alert id, the newest state, in the order the ids
 * first came; bounded, the oldest waiting alert is dropped to make room.
 *
 * <p>Newest state wins because Alertmanager keeps only an alert's latest state anyway: a resolution
 * that arrives while the firing post waits makes that post pointless. Dropping the oldest rather
 * than refusing the newest keeps the freshest picture; a dropped firing alert comes back with its
 * next repeat, and one already posted ends by its {@code endsAt}.
 */
final class PendingAlerts {

  /** What offering an alert did to the queue. */
  enum Offer {
    /** The alert waits at the end of the queue. */
    QUEUED,
    /** An older state of the same alert was waiting; this one took its place. */
    REPLACED,
    /** The queue was full: the oldest waiting alert was dropped and this one queued. */
    QUEUED_DROPPING_OLDEST
  }

  private final int capacity;
  private final LinkedHashMap<String, Alert> waiting = new LinkedHashMap<>();
  private boolean inFlight;
  private boolean unreachable;
  private boolean closed;

  PendingAlerts(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** Queues {@code alert} (its id must be set); never waits. */
  synchronized Offer offer(Alert alert) {
    if (waiting.containsKey(alert.id)) {
      // put on a present key keeps the key's place in the order
      waiting.put(alert.id, alert);
      return Offer.REPLACED;
    }
    Offer result = Offer.QUEUED;
    if (waiting.size() >= capacity) {
      Iterator<Map.Entry<String, Alert>> oldest = waiting.entrySet().iterator();
      oldest.next();
      oldest.remove();
      result = Offer.QUEUED_DROPPING_OLDEST;
    }
    waiting.put(alert.id, alert);
    notifyAll();
    return result;
  }

  /**
   * Waits for the oldest waiting alert and marks it in flight until {@link #finished}; null once
   * closed.
   */
  synchronized Alert takeNext() throws InterruptedException {
    while (waiting.isEmpty() && !closed) {
      wait();
    }
    if (closed) {
      return null;
    }
    Iterator<Map.Entry<String, Alert>> oldest = waiting.entrySet().iterator();
    Alert next = oldest.next().getValue();
    oldest.remove();
    inFlight = true;
    return next;
  }

  /**
   * Ends the delivery of the alert last taken; {@code unreachable} when Alertmanager did not answer
   * it in any attempt.
   */
  synchronized void finished(boolean unreachable) {
    inFlight = false;
    this.unreachable = unreachable;
    notifyAll();
  }

  /**
   * Waits until nothing waits and nothing is in flight, or until the latest delivery found
   * Alertmanager unreachable (each further alert would fail the same way after its whole retry
   * schedule). Returns whether the queue is empty.
   */
  synchronized boolean awaitDrained() throws InterruptedException {
    while ((inFlight || !waiting.isEmpty()) && !unreachable && !closed) {
      wait();
    }
    return !inFlight && waiting.isEmpty();
  }

  /** Alerts waiting or in flight. */
  synchronized int size() {
    return waiting.size() + (inFlight ? 1 : 0);
  }

  /**
   * Stops handing out alerts; returns how many were waiting, never to be delivered (the one in
   * flight is its deliverer's).
   */
  synchronized int close() {
    int abandoned = waiting.size();
    closed = true;
    waiting.clear();
    notifyAll();
    return abandoned;
  }
}
