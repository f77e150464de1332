package dev.rebalance.tck.internal;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * Names each clause group of the kit after the store's own test class, e.g. {@code
 * "JsonStoreContractTest > Clause 5: cooldown claim"}. The kit's {@code @Nested} classes are
 * inherited: two contract subclasses in one module run the same nested classes, and reporters that
 * name a test after its nested class (Maven Surefire's console and XML reports) would otherwise
 * merge both stores' results under one name. Everything else is named as JUnit's standard
 * generator names it.
 *
 * <p>Stateless and thread-safe; JUnit instantiates it.
 */
public final class ClauseDisplayNames implements DisplayNameGenerator {
  private static final DisplayNameGenerator STANDARD = new DisplayNameGenerator.Standard();

  /** For JUnit. */
  public ClauseDisplayNames() {}

  @Override
  public String generateDisplayNameForClass(Class<?> testClass) {
    return STANDARD.generateDisplayNameForClass(testClass);
  }

  @Override
  public String generateDisplayNameForNestedClass(Class<?> nestedClass) {
    return title(nestedClass);
  }

  @Override
  public String generateDisplayNameForNestedClass(
      List<Class<?>> enclosingInstanceTypes, Class<?> nestedClass) {
    if (enclosingInstanceTypes.isEmpty()) {
      return title(nestedClass);
    }
    return enclosingInstanceTypes.get(0).getSimpleName() + " > " + title(nestedClass);
  }

  @Override
  public String generateDisplayNameForMethod(Class<?> testClass, Method testMethod) {
    return STANDARD.generateDisplayNameForMethod(testClass, testMethod);
  }

  @Override
  public String generateDisplayNameForMethod(
      List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
    return STANDARD.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod);
  }

  private static String title(Class<?> nestedClass) {
    Clause clause = nestedClass.getAnnotation(Clause.class);
    return clause == null ? nestedClass.getSimpleName() : clause.value();
  }
}
