/**
 * Portcullis metrics through Micrometer: {@code MicrometerEventListener} turns the gate's security
 * events into counters and timers.
 */
@org.jspecify.annotations.NullMarked
module dev.portcullis.micrometer {
  requires static org.jspecify;
  // SecurityEventListener and the events are in our API's signatures, and so is MeterRegistry.
  requires transitive dev.portcullis.core;
  requires transitive micrometer.core;

  exports dev.portcullis.micrometer;
}
