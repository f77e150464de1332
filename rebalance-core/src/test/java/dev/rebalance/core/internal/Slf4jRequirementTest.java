package dev.rebalance.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rebalance.api.RebalanceException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SLF4J 2 requirement: satisfied on the build's class path, and on a class path with slf4j-api
 * 1.7.36 (copied to {@code target/slf4j-1.7} by the build) creating a {@code Rebalancer} fails at
 * once with a message naming both versions and the fix, instead of a {@link NoSuchMethodError} at
 * the first log call in the middle of an operation.
 */
class Slf4jRequirementTest {
  private static final Path SLF4J_17 = Path.of("target", "slf4j-1.7", "slf4j-api-1.7.36.jar");

  @Test
  @DisplayName("SLF4J 2 on the class path passes the check.")
  void slf4j2Passes() {
    assertThatCode(Slf4jRequirement::check).doesNotThrowAnyException();
  }

  @Test
  @DisplayName(
      "On an SLF4J 1.7 class path, Rebalancer.of fails naming 1.7.36, 2.0.0 and a provider.")
  void slf4j17FailsFastAtRebalancerCreation() throws Exception {
    assertThat(SLF4J_17).as("slf4j-api 1.7.36, copied by maven-dependency-plugin").exists();
    URL[] classPath = {
      SLF4J_17.toUri().toURL(),
      location(Slf4jRequirement.class),
      location(RebalanceException.class),
      location(ObjectMapper.class),
      location(JsonFactory.class),
      location(JsonProperty.class)
    };
    try (URLClassLoader loader =
        new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
      Class<?> logger = loader.loadClass("org.slf4j.Logger");
      assertThat(Files.exists(SLF4J_17)).isTrue();
      assertThat(logger.getMethods()).noneMatch(m -> m.getName().equals("atInfo"));
      Class<?> config = loader.loadClass("dev.rebalance.core.config.RebalanceConfig");
      Object defaults = config.getMethod("defaults").invoke(null);
      Class<?> rebalancer = loader.loadClass("dev.rebalance.core.decision.Rebalancer");

      // SLF4J 1.7, finding no binding, says so on standard error: expected here, so it is kept
      // out of the build's output and checked instead (it shows 1.7 really was the one bound).
      ByteArrayOutputStream said = new ByteArrayOutputStream();
      PrintStream err = System.err;
      Throwable thrown;
      System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
      try {
        thrown = catchThrowable(() -> rebalancer.getMethod("of", config).invoke(null, defaults));
      } finally {
        System.setErr(err);
      }
      assertThat(said.toString(StandardCharsets.UTF_8))
          .contains("SLF4J: Defaulting to no-operation (NOP) logger implementation");

      assertThat(thrown)
          .as("Rebalancer.of on SLF4J 1.7 must fail at once")
          .isInstanceOf(InvocationTargetException.class);
      Throwable cause = thrown.getCause();
      assertThat(cause.getClass().getName()).isEqualTo(RebalanceException.class.getName());
      assertThat(cause.getMessage())
          .contains("slf4j-api 1.7.36")
          .contains("slf4j-api 2.0.0 or newer")
          .contains("rebalance-bom")
          .contains("org.slf4j:slf4j-simple");
    }
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
