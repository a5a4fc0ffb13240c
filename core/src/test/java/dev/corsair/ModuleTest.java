package dev.corsair;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** corsair-core is a named module whose only exported package is its API. */
class ModuleTest {
  @Test
  void coreIsANamedModuleExportingOnlyItsApi() {
    Module m = CorsPolicy.class.getModule();
    assertThat(m.isNamed()).as("run on the module path").isTrue();
    assertThat(m.getName()).isEqualTo("dev.corsair");
    assertThat(m.getDescriptor().exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.corsair");
    assertThat(m.getDescriptor().requires())
        .extracting(ModuleDescriptor.Requires::name)
        .containsExactly("java.base");
  }
}
