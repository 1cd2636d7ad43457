package dev.portcullis.store.redis;

import dev.portcullis.testing.servers.RedisServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Stores on the JVM-wide test Redis, each under its own key prefix, closed together. */
final class RedisFixture implements AutoCloseable {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private final List<RedisStores> open = new ArrayList<>();

  static RedisServer server() {
    return RedisServer.shared();
  }

  /** A fresh prefix, so that test cases sharing the server never see each other's keys. */
  static String newPrefix() {
    return "t" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet() + ":";
  }

  RedisStores stores(Clock clock) {
    return stores(clock, newPrefix());
  }

  RedisStores stores(Clock clock, String prefix) {
    // a generous timeout: these tests check answers, not latency, and CI machines are shared
    // (the fault tests keep the 500 ms default)
    RedisStores s = RedisStores.builder().uri(server().uri()).clock(clock).keyPrefix(prefix)
        .commandTimeout(Duration.ofSeconds(3)).build();
    open.add(s);
    return s;
  }

  /** Closes {@code s} with the others. */
  RedisStores adopt(RedisStores s) {
    open.add(s);
    return s;
  }

  @Override
  public void close() {
    open.forEach(RedisStores::close);
    open.clear();
  }
}
