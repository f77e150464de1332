package dev.rebalance.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.rebalance.core.decision.Rebalancer;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md's arrows and the "time is injected" rule, as executable checks. */
class ArchitectureTest {
  private static JavaClasses production;

  /** The one place allowed to default to the system clock: the outermost builder. */
  private static final String CLOCK_DEFAULT_OWNER = Rebalancer.Builder.class.getName();

  /**
   * The outermost builders that may default to {@code Clock.systemUTC()}: the Rebalancer's, the
   * SwapExecutor's and the EntryReconciler's (all take a {@code clock(Clock)} override). Nothing
   * else may read the clock.
   */
  private static final Set<String> CLOCK_DEFAULT_OWNERS =
      Set.of(
          CLOCK_DEFAULT_OWNER,
          "dev.rebalance.core.execution.SwapExecutor$Builder",
          "dev.rebalance.core.tracking.EntryReconciler$Builder");

  private static final Set<String> TIME_CLASSES_WITH_NOW =
      Set.of(
          "java.time.Instant",
          "java.time.LocalDateTime",
          "java.time.LocalDate",
          "java.time.LocalTime",
          "java.time.ZonedDateTime",
          "java.time.OffsetDateTime",
          "java.time.OffsetTime",
          "java.time.Year",
          "java.time.YearMonth",
          "java.time.MonthDay");

  @BeforeAll
  static void importClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rebalance");
  }

  @Test
  void coreDependsOnNoDatabaseHttpClientOrAdapter() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.rebalance.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "java.sql..",
                "javax.sql..",
                "java.net.http..",
                "dev.rebalance.alpaca..",
                "dev.rebalance.jdbc..",
                "dev.rebalance.cli..",
                "dev.rebalance.examples..",
                "dev.rebalance.tck..");
    rule.check(production);
  }

  @Test
  void theApiDependsOnNothingElseOfRebalance() {
    noClasses()
        .that()
        .resideInAPackage("dev.rebalance.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.rebalance.core..", "dev.rebalance.jdbc..", "dev.rebalance.alpaca..")
        .check(production);
  }

  @Test
  void nothingOutsideCoreReachesIntoCoreInternals() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.rebalance.core..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.rebalance.core.internal..")
        .check(production);
  }

  private static final String CORE = "dev.rebalance.core";

  /**
   * The packages of core, bottom up, as package-info.java of {@code dev.rebalance.core} lists them:
   * each may use only the packages below it.
   */
  @Test
  void coresPackagesDependOnlyDownwards() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("runtime")
        .definedBy(CORE)
        .layer("legacy import")
        .definedBy(CORE + ".legacy..")
        .layer("stores")
        .definedBy(CORE + ".store..")
        .layer("execution")
        .definedBy(CORE + ".execution..")
        .layer("decision")
        .definedBy(CORE + ".decision..")
        .layer("tracking")
        .definedBy(CORE + ".tracking..")
        .layer("config")
        .definedBy(CORE + ".config..")
        .layer("stats")
        .definedBy(CORE + ".stats..")
        .layer("base")
        .definedBy(CORE + ".log..", CORE + ".json..", CORE + ".internal..", CORE + ".format..")
        .whereLayer("runtime")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("legacy import")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("stores")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("execution")
        .mayOnlyBeAccessedByLayers("runtime", "legacy import")
        .whereLayer("decision")
        .mayOnlyBeAccessedByLayers("runtime", "execution")
        .whereLayer("tracking")
        .mayOnlyBeAccessedByLayers("runtime", "legacy import", "execution", "decision")
        .whereLayer("config")
        .mayOnlyBeAccessedByLayers("runtime", "legacy import", "execution", "decision", "tracking")
        .whereLayer("stats")
        .mayNotBeAccessedByAnyLayer()
        .check(production);
  }

  @Test
  void statisticsReadTheApiOnly() {
    classes()
        .that()
        .resideInAPackage(CORE + ".stats..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            CORE + ".stats..",
            "dev.rebalance.api..",
            "java..",
            "org.slf4j..",
            "org.jspecify..",
            "org.immutables..",
            "javax.annotation..")
        .check(production);
  }

  @Test
  void eachInternalPackageIsUsedByItsParentOnly() {
    for (String part : new String[] {"decision", "tracking", "execution"}) {
      classes()
          .that()
          .resideInAPackage(CORE + "." + part + ".internal..")
          .should()
          .onlyBeAccessed()
          .byAnyPackage(CORE + "." + part + "..")
          .check(production);
    }
    classes()
        .that()
        .resideInAPackage(CORE + ".internal..")
        .should()
        .onlyBeAccessed()
        .byAnyPackage(CORE + "..")
        .check(production);
  }

  private static DescribedPredicate<JavaAccess<?>> readsSystemTime() {
    return DescribedPredicate.describe(
        "reads the system time",
        access -> {
          String owner = access.getTargetOwner().getName();
          String name = access.getName();
          if (TIME_CLASSES_WITH_NOW.contains(owner) && name.equals("now")) {
            return true;
          }
          if (owner.equals(Clock.class.getName())
              && (name.equals("systemUTC")
                  || name.equals("systemDefaultZone")
                  || name.equals("system"))) {
            return true;
          }
          if (owner.equals(System.class.getName()) && name.equals("currentTimeMillis")) {
            return true;
          }
          // new java.util.Date() reads the clock too.
          return owner.equals("java.util.Date")
              && name.equals("<init>")
              && access.getTarget().getDescription().contains("()");
        });
  }

  @Test
  void theClockRuleSeesTheOneAllowedDefault() {
    // Guards the rule below against matching nothing: the builder's default must be found.
    assertThat(
            noClasses()
                .that()
                .haveFullyQualifiedName(CLOCK_DEFAULT_OWNER)
                .should()
                .accessTargetWhere(readsSystemTime())
                .evaluate(production)
                .hasViolation())
        .isTrue();
  }

  @Test
  void noProductionCodeReadsTheSystemClock() {
    noClasses()
        .that()
        .resideInAPackage("dev.rebalance..")
        .and(
            DescribedPredicate.describe(
                "are not an outermost builder " + CLOCK_DEFAULT_OWNERS,
                c -> !CLOCK_DEFAULT_OWNERS.contains(c.getName())))
        .should()
        .accessTargetWhere(readsSystemTime())
        .because(
            "time comes from an injected Clock or an Instant parameter; only an outermost"
                + " builder defaults to Clock.systemUTC()")
        .check(production);
  }
}
