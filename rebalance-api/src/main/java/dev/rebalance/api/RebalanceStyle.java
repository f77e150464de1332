package dev.rebalance.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style every Rebalance value type uses.
 *
 * <p>Users see the abstract type and its nested {@code Builder} ({@code HeldPosition.builder()}),
 * never the generated {@code Immutable*} class.
 *
 * <p>This annotation has no runtime behaviour and is therefore thread-safe.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    // The generated class stays package-private: users program against the abstract type.
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    // Generated methods (with*, builder build()) are typed as the abstract type, not the generated
    // one.
    overshadowImplementation = true,
    // No Guava on the classpath: generated code uses only the JDK.
    jdkOnly = true,
    // Accessors carry no get/is prefix: symbol(), entryTime().
    get = {"*"},
    // Collections and Optionals given as null are rejected, not turned into empties.
    validationMethod = Value.Style.ValidationMethod.SIMPLE,
    // Builders stay strict: every mandatory attribute must be set exactly once.
    strictBuilder = false,
    // toString of a @Value.Redacted attribute prints this instead of the value.
    redactedMask = "****")
public @interface RebalanceStyle {}
