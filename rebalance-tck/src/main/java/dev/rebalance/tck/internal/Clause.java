package dev.rebalance.tck.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The title of one clause group of the kit ({@code "Clause 5: cooldown claim"}). Used instead of
 * JUnit's {@code @DisplayName} on the kit's {@code @Nested} classes, because an explicit display
 * name cannot say which store's test class runs the group; {@link ClauseDisplayNames} prefixes it
 * with that class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Clause {
  /**
   * The clause's title.
   *
   * @return the title, starting with the clause number
   */
  String value();
}
