package dev.rebalance.alpaca;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * DESIGN.md's arrows for the Alpaca adapter: api and core's public API, no store, no CLI; Failsafe
 * only behind the internal package.
 */
@AnalyzeClasses(
    packages = "dev.rebalance.alpaca",
    importOptions = ImportOption.DoNotIncludeTests.class)
class AlpacaArchitectureTest {

  @ArchTest
  static final ArchRule usesNoStoreOrModuleAboveIt =
      noClasses()
          .that()
          .resideInAPackage("dev.rebalance.alpaca..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.rebalance.jdbc..",
              "dev.rebalance.cli..",
              "dev.rebalance.examples..",
              "dev.rebalance.tck..",
              "java.sql..")
          .because("the adapter talks to Alpaca, not to a database or a user interface");

  @ArchTest
  static final ArchRule doesNotReachIntoCoreInternals =
      noClasses()
          .that()
          .resideInAPackage("dev.rebalance.alpaca..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.rebalance.core.internal..", "dev.rebalance.core.store.internal..")
          .because("no module reaches into another's internal packages");

  @ArchTest
  static final ArchRule keepsFailsafeInternal =
      noClasses()
          .that()
          .resideInAPackage("dev.rebalance.alpaca")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.failsafe..")
          .because(
              "retry policies live in internal/Retries; Failsafe's types are not the adapter's API");
}
