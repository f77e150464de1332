package dev.rebalance.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The pre-tuned Jackson mappers for Rebalance's own formats. They are strict: unknown fields, nulls
 * for primitives and trailing tokens are errors; floating-point numbers are read as {@link
 * java.math.BigDecimal} so scores stay exact; instants and durations are ISO-8601 strings; decimals
 * are written without exponent.
 *
 * <p>The mappers are configured once and never changed afterwards, so they are thread-safe. Do not
 * reconfigure them; call {@code copy()} for a variant.
 */
public final class RebalanceJson {
  private RebalanceJson() {}

  /** The strict JSON mapper. */
  public static ObjectMapper json() {
    return JsonHolder.JSON;
  }

  /** The strict YAML mapper. */
  public static ObjectMapper yaml() {
    return YamlHolder.YAML;
  }

  // One holder per mapper: each is built on first use, so a program that only reads JSON never
  // builds the YAML mapper, and one that uses neither (`rebalance locked`) builds none.
  private static final class JsonHolder {
    static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
  }

  private static final class YamlHolder {
    static final ObjectMapper YAML = configure(YAMLMapper.builder()).build();
  }

  private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
    return builder
        .addModule(new JavaTimeModule())
        .addModule(new Jdk8Module())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
  }
}
