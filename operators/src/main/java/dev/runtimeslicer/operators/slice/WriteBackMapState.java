package dev.runtimeslicer.operators.slice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * A keyed {@link MapState} of mutable aggregates read and changed on the heap and written back to
 * the state backend only when {@link #save saved}, at a checkpoint barrier. Each record then
 * changes a heap object instead of reading and writing a whole aggregate through the backend, which
 * on RocksDB would serialize it twice per record; the backend holds what the last save wrote, so a
 * checkpoint taken after a save holds everything. Over a heap backend, whose state objects already
 * live on the heap, it passes every call through instead.
 *
 * <p>Every value crosses between the cache and the backend as a copy: the heap backend keeps the
 * objects it is given and may be snapshotting them while the cache changes its own.
 *
 * <p>Flink has no such cache for keyed state (its mini-batch buffers are Table-runtime internals
 * over rows), hence this class. The owner passes the current key to every call; it is only correct
 * for the key the state is currently scoped to.
 *
 * @param <K> the operator's key
 * @param <UK> the map's key
 * @param <UV> the map's (mutable) value
 */
final class WriteBackMapState<K, UK, UV> {

  private final MapState<UK, UV> backend;
  private final TypeSerializer<UV> serializer;

  /** False over a heap backend: every call goes straight to it. */
  private final boolean writeBack;

  /** Per operator key: the values read or changed since the key's last save. */
  private final Map<K, Map<UK, UV>> cached = new HashMap<>();

  /** Per operator key: which cached values changed since the last save. */
  private final Map<K, Set<UK>> changed = new HashMap<>();

  WriteBackMapState(MapState<UK, UV> backend, TypeSerializer<UV> serializer, boolean writeBack) {
    this.backend = backend;
    this.serializer = serializer;
    this.writeBack = writeBack;
  }

  /**
   * The value under {@code userKey}, to change in place and then {@link #markChanged}; null when
   * absent.
   */
  UV get(K key, UK userKey) throws Exception {
    if (!writeBack) {
      return backend.get(userKey);
    }
    Map<UK, UV> values = cached.get(key);
    if (values != null) {
      UV value = values.get(userKey);
      if (value != null) {
        return value;
      }
    }
    UV stored = backend.get(userKey);
    if (stored == null) {
      return null;
    }
    UV value = serializer.copy(stored);
    cached.computeIfAbsent(key, k -> new HashMap<>()).put(userKey, value);
    return value;
  }

  /** Sets {@code value} under {@code userKey}; it reaches the backend at the next save. */
  void put(K key, UK userKey, UV value) throws Exception {
    if (!writeBack) {
      backend.put(userKey, value);
      return;
    }
    cached.computeIfAbsent(key, k -> new HashMap<>()).put(userKey, value);
    markChanged(key, userKey);
  }

  /** Notes that the cached value under {@code userKey} was changed in place. */
  void markChanged(K key, UK userKey) {
    changed.computeIfAbsent(key, k -> new HashSet<>()).add(userKey);
  }

  /** Removes {@code userKey} from the cache and the backend at once. */
  void remove(K key, UK userKey) throws Exception {
    Map<UK, UV> values = cached.get(key);
    if (values != null) {
      values.remove(userKey);
    }
    Set<UK> keys = changed.get(key);
    if (keys != null) {
      keys.remove(userKey);
    }
    backend.remove(userKey);
  }

  /** Whether {@code key} has no value, cached or saved. */
  boolean isEmpty(K key) throws Exception {
    Map<UK, UV> values = cached.get(key);
    return (values == null || values.isEmpty()) && backend.isEmpty();
  }

  /** Every map key of {@code key}, cached or saved, in their natural order. */
  Set<UK> keys(K key) throws Exception {
    Set<UK> keys = new TreeSet<>();
    if (!writeBack) {
      backend.keys().forEach(keys::add);
      return keys;
    }
    Map<UK, UV> values = cached.get(key);
    if (values != null) {
      keys.addAll(values.keySet());
    }
    for (UK userKey : backend.keys()) {
      keys.add(userKey);
    }
    return keys;
  }

  /** Writes the changed values of {@code key} to the backend (as copies) and forgets its cache. */
  void save(K key) throws Exception {
    Set<UK> keys = changed.remove(key);
    Map<UK, UV> values = cached.remove(key);
    if (keys == null || values == null) {
      return; // nothing changed: the backend already holds what was read
    }
    for (UK userKey : keys) {
      UV value = values.get(userKey);
      if (value != null) {
        backend.put(userKey, serializer.copy(value));
      }
    }
  }

  /** The operator keys with changes not yet saved. */
  List<K> keysWithChanges() {
    return new ArrayList<>(changed.keySet());
  }

  /** Values cached across all keys (tests, metrics). */
  int cachedValues() {
    int count = 0;
    for (Map<UK, UV> values : cached.values()) {
      count += values.size();
    }
    return count;
  }
}
