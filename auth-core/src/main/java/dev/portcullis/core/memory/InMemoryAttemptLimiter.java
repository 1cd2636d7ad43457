package dev.portcullis.core.memory;

import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptCounts.Counter;
import dev.portcullis.core.spi.AttemptKey;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.AttemptScope;
import dev.portcullis.core.spi.AttemptWindows;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An {@link AttemptLimiter} for one node, in a fixed amount of memory whatever the traffic.
 *
 * <p><b>Why a table and not a map.</b> A map with one entry per key grows with every distinct
 * identifier an attacker invents, and a map with a size cap must evict, which lets an attacker wipe
 * his own record by flooding it with fresh keys (Tomcat's {@code LockOutRealm} forgets its oldest
 * locked user once 1,000 others have failed). Here each scope (pair, identifier, address) is a
 * fixed table of {@code 2 × cellsPerRow} 64-bit cells, indexed by SipHash under a random key made
 * at construction, in the manner of a count-min sketch: a key owns one cell in each of two rows and
 * reads the smaller of the two. Nothing is ever allocated, evicted or swept:
 * <ul>
 *   <li><b>Collisions only over-count.</b> A cell that two live keys share holds the sum of their
 *       failures and the later expiry, so a key can read more failures than it had, never fewer.
 *       The key being secret, an attacker cannot choose whom he collides with.
 *   <li><b>Expiry is lazy.</b> Each cell holds its own expiry; a cell past it reads as empty and the
 *       next failure starts it again at 1. No sweep runs, on a request thread or elsewhere.
 *   <li><b>A reset clears only what the key owns.</b> Each cell records a 14-bit tag of the key that
 *       filled it, or "shared" once a second key wrote to it. A reset clears a cell only when the
 *       tag is the key's own, so one account's success cannot wipe another's failures unless both
 *       the cell and the tag collide (about one chance in {@code cellsPerRow × 2^13} per key, with
 *       no way to aim it); a shared cell keeps its count until it expires.
 *   <li><b>The price.</b> A flood of failures large enough to fill most cells (many times
 *       {@code cellsPerRow}, which the gate's per-address limit keeps any single address far
 *       from) makes innocent keys read high counts, so size {@code cellsPerRow} to the traffic.
 *       The default, 65,536, takes 3 MiB for the three tables.
 * </ul>
 * Counts saturate at 4,095; the clock may run about 8 years past construction before expiries
 * clamp (they then never pass, which over-counts).
 *
 * <pre>{@code
 * AttemptLimiter limiter = new InMemoryAttemptLimiter(Clock.systemUTC(), 1 << 16);
 * Gate gate = Gate.builder().scheme(digest).attemptLimiter(limiter).build();
 * }</pre>
 *
 * <p>Thread-safe and lock-free: every cell changes by compare-and-set, so racing failures are never
 * lost; a {@link #recordFailure} is atomic per cell, not across the six cells it touches (a reader
 * racing it may see some counters incremented and others not yet).
 */
public final class InMemoryAttemptLimiter implements AttemptLimiter {
  /** The default number of cells in each row of each table. */
  public static final int DEFAULT_CELLS_PER_ROW = 1 << 16;

  private static final int COUNT_BITS = 12;
  private static final int TAG_BITS = 14;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
  private static final long TAG_MASK = (1L << TAG_BITS) - 1;
  private static final int EXPIRY_SHIFT = COUNT_BITS + TAG_BITS;
  private static final long MAX_OFFSET = (1L << (64 - EXPIRY_SHIFT - 1)) - 1; // stays positive
  private static final int SHARED = 0;

  private final Clock clock;
  private final int mask;
  private final int cellsPerRow;
  private final long base;
  private final KeyedHash hash;
  private final AtomicLongArray pairs;
  private final AtomicLongArray identifiers;
  private final AtomicLongArray addresses;

  /** A limiter on the system clock with {@link #DEFAULT_CELLS_PER_ROW} cells per row. */
  public InMemoryAttemptLimiter() {
    this(Clock.systemUTC(), DEFAULT_CELLS_PER_ROW);
  }

  /**
   * @param clock the time source (tests move it forward)
   * @param cellsPerRow cells in each of the two rows of each table: a power of two from 64 to 2^24
   * @throws IllegalArgumentException if {@code cellsPerRow} is not such a power of two
   */
  public InMemoryAttemptLimiter(Clock clock, int cellsPerRow) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (cellsPerRow < 64 || cellsPerRow > 1 << 24 || Integer.bitCount(cellsPerRow) != 1) {
      throw new IllegalArgumentException("cellsPerRow must be a power of two from 64 to 2^24: " + cellsPerRow);
    }
    this.cellsPerRow = cellsPerRow;
    this.mask = cellsPerRow - 1;
    this.base = clock.millis() - 1;
    this.hash = new KeyedHash(new SecureRandom());
    this.pairs = new AtomicLongArray(2 * cellsPerRow);
    this.identifiers = new AtomicLongArray(2 * cellsPerRow);
    this.addresses = new AtomicLongArray(2 * cellsPerRow);
  }

  /** The cells in each row of each table: memory is {@code 3 × 2 × cellsPerRow × 8} bytes, always. */
  public int cellsPerRow() {
    return cellsPerRow;
  }

  @Override
  public AttemptCounts counts(AttemptKey key) {
    long now = clock.millis();
    long ha = hash.of(key.realm(), key.address());
    Counter address = read(addresses, ha, now);
    String id = key.identifier();
    if (id == null) {
      return address == Counter.NONE ? AttemptCounts.NONE : new AttemptCounts(Counter.NONE, Counter.NONE, address);
    }
    long hi = hash.of(key.realm(), id);
    Counter identifier = read(identifiers, hi, now);
    Counter pair = read(pairs, hash.combine(hi, ha), now);
    if (address == Counter.NONE && identifier == Counter.NONE && pair == Counter.NONE) {
      return AttemptCounts.NONE; // the usual answer, without an allocation
    }
    return new AttemptCounts(pair, identifier, address);
  }

  @Override
  public AttemptCounts recordFailure(AttemptKey key, AttemptWindows windows) {
    long now = clock.millis();
    long ha = hash.of(key.realm(), key.address());
    Counter address = increment(addresses, ha, now, windows.address().toMillis());
    String id = key.identifier();
    if (id == null) {
      return new AttemptCounts(Counter.NONE, Counter.NONE, address);
    }
    long hi = hash.of(key.realm(), id);
    Counter identifier = increment(identifiers, hi, now, windows.identifier().toMillis());
    Counter pair = increment(pairs, hash.combine(hi, ha), now, windows.pair().toMillis());
    return new AttemptCounts(pair, identifier, address);
  }

  @Override
  public void reset(AttemptKey key, Set<AttemptScope> scopes) {
    long ha = hash.of(key.realm(), key.address());
    if (scopes.contains(AttemptScope.ADDRESS)) {
      clear(addresses, ha);
    }
    String id = key.identifier();
    if (id == null) {
      return;
    }
    long hi = hash.of(key.realm(), id);
    if (scopes.contains(AttemptScope.IDENTIFIER)) {
      clear(identifiers, hi);
    }
    if (scopes.contains(AttemptScope.PAIR)) {
      clear(pairs, hash.combine(hi, ha));
    }
  }

  private Counter read(AtomicLongArray table, long h, long now) {
    long a = table.get(index(h, 0));
    long b = table.get(index(h, 1));
    if (a == 0 || b == 0 || expired(a, now) || expired(b, now)) {
      return Counter.NONE;
    }
    return new Counter((int) Math.min(count(a), count(b)), Math.min(expiry(a), expiry(b)));
  }

  private Counter increment(AtomicLongArray table, long h, long now, long window) {
    int tag = tag(h);
    long expiry = now + window;
    long a = bump(table, index(h, 0), tag, now, expiry);
    long b = bump(table, index(h, 1), tag, now, expiry);
    return new Counter((int) Math.min(count(a), count(b)), Math.min(expiry(a), expiry(b)));
  }

  private long bump(AtomicLongArray table, int i, int tag, long now, long expiry) {
    for (;;) {
      long v = table.get(i);
      long next;
      if (v == 0 || expired(v, now)) {
        next = pack(expiry, tag, 1);
      } else {
        // a second key writing here makes the cell shared: nobody's reset may clear it any more
        int t = tagOf(v) == tag ? tag : SHARED;
        next = pack(Math.max(expiry(v), expiry), t, Math.min(count(v) + 1, COUNT_MASK));
      }
      if (table.compareAndSet(i, v, next)) {
        return next;
      }
    }
  }

  private void clear(AtomicLongArray table, long h) {
    int tag = tag(h);
    for (int row = 0; row < 2; row++) {
      int i = index(h, row);
      long v = table.get(i);
      // only a cell this key alone filled; if it changed meanwhile, someone else wrote: keep it
      if (v != 0 && tagOf(v) == tag) {
        table.compareAndSet(i, v, 0);
      }
    }
  }

  private int index(long h, int row) {
    return row * cellsPerRow + ((int) (h >>> (row << 5)) & mask);
  }

  /** A 14-bit tag mixed from the whole hash; never {@link #SHARED}. */
  private static int tag(long h) {
    int t = (int) ((h * 0x9E3779B97F4A7C15L) >>> (64 - TAG_BITS));
    return t == SHARED ? 1 : t;
  }

  private long pack(long expiryMillis, int tag, long count) {
    long offset = Math.max(1, Math.min(expiryMillis - base, MAX_OFFSET));
    return offset << EXPIRY_SHIFT | (long) tag << COUNT_BITS | count;
  }

  private long expiry(long v) {
    return base + (v >>> EXPIRY_SHIFT);
  }

  private boolean expired(long v, long now) {
    return expiry(v) <= now;
  }

  private static long count(long v) {
    return v & COUNT_MASK;
  }

  private static int tagOf(long v) {
    return (int) ((v >>> COUNT_BITS) & TAG_MASK);
  }

  @Override
  public String toString() {
    return "InMemoryAttemptLimiter[" + cellsPerRow + " cells per row]";
  }
}
