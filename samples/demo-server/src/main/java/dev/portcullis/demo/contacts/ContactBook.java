package dev.portcullis.demo.contacts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The customers' contacts, in memory, with the demo data. Thread-safe. */
final class ContactBook {
  /** One contact as the API shows it. */
  record Contact(String id, String name, String email, String created) {}

  private final ConcurrentHashMap<String, List<Contact>> byCustomer = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(100);
  private final Clock clock;

  private ContactBook(Clock clock) {
    this.clock = clock;
  }

  static ContactBook demo(Clock clock) {
    ContactBook book = new ContactBook(clock);
    book.add("ctct_customer", "Ada Lovelace", "ada@example.org");
    book.add("ctct_customer", "Grace Hopper", "grace@example.org");
    book.add("other_customer", "Alan Turing", "alan@example.org");
    return book;
  }

  List<Contact> list(String customer) {
    List<Contact> l = byCustomer.get(customer);
    if (l == null) {
      return List.of();
    }
    synchronized (l) {
      return List.copyOf(l);
    }
  }

  Contact add(String customer, String name, String email) {
    Contact c = new Contact(String.valueOf(ids.incrementAndGet()), name, email, clock.instant().toString());
    List<Contact> l = byCustomer.computeIfAbsent(customer, k -> new ArrayList<>());
    synchronized (l) {
      l.add(c);
    }
    return c;
  }
}
