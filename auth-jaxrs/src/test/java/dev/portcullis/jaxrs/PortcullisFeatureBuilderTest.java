package dev.portcullis.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.Gate;
import dev.portcullis.core.http.AdapterOptions;
import org.junit.jupiter.api.Test;

/** The feature's builder takes each setting once, as Caffeine's does. */
class PortcullisFeatureBuilderTest {
  private final Gate gate = Gate.builder().scheme(new TestSchemes.Outage()).build();

  @Test
  void eachSettingIsRefusedTheSecondTime() {
    assertThatThrownBy(() -> PortcullisFeature.builder().gate(gate).gate(gate))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("gate was already set");
    assertThatThrownBy(() -> PortcullisFeature.builder().denyUnannotated(true).denyUnannotated(true))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("denyUnannotated was already set");
    RemoteAddressResolver resolver = RemoteAddressResolver.fromProperty();
    assertThatThrownBy(() -> PortcullisFeature.builder().remoteAddressResolver(resolver).remoteAddressResolver(resolver))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("remoteAddressResolver was already set");
    assertThatThrownBy(() -> PortcullisFeature.builder().options(AdapterOptions.defaults()).options(AdapterOptions.defaults()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void everySettingGivenOnceBuilds() {
    PortcullisFeature feature = PortcullisFeature.builder().gate(gate).denyUnannotated(true)
        .remoteAddressResolver(RemoteAddressResolver.fromProperty()).options(AdapterOptions.defaults()).build();
    assertThat(feature.denyUnannotated()).isTrue();
    assertThat(feature.gate()).isSameAs(gate);
  }
}
