package dev.portcullis.testing.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Starts several threads on one latch and counts how many of them won. */
final class Races {
  private Races() {}

  /** Runs {@code attempt} on {@code threads} threads released together; returns how many returned true. */
  static int winners(int threads, Callable<Boolean> attempt) throws Exception {
    return winners(threads, i -> attempt.call());
  }

  /** Like {@link #winners(int, Callable)}, the attempt told its thread's index. */
  static int winners(int threads, IndexedAttempt attempt) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int n = t;
        futures.add(pool.submit(() -> {
          start.await();
          return attempt.run(n);
        }));
      }
      start.countDown();
      int wins = 0;
      for (Future<Boolean> f : futures) {
        wins += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      return wins;
    } finally {
      pool.shutdownNow();
    }
  }

  interface IndexedAttempt {
    boolean run(int thread) throws Exception;
  }
}
