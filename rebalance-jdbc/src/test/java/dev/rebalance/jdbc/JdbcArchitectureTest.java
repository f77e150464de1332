package dev.rebalance.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** DESIGN.md's arrows for the JDBC stores: api and core's public API, nothing above them. */
@AnalyzeClasses(
    packages = "dev.rebalance.jdbc",
    importOptions = ImportOption.DoNotIncludeTests.class)
class JdbcArchitectureTest {

  @ArchTest
  static final ArchRule usesNoModuleAboveIt =
      noClasses()
          .that()
          .resideInAPackage("dev.rebalance.jdbc..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.rebalance.alpaca..",
              "dev.rebalance.cli..",
              "dev.rebalance.examples..",
              "dev.rebalance.tck..")
          .because("a store depends on api and core only (DESIGN.md's module table)");

  @ArchTest
  static final ArchRule doesNotReachIntoCoreInternals =
      noClasses()
          .that()
          .resideInAPackage("dev.rebalance.jdbc..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.rebalance.core.internal..", "dev.rebalance.core.store.internal..")
          .because("no module reaches into another's internal packages");
}
