package dev.rebalance.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** DESIGN.md's arrows for the CLI: it uses the core's public API only. */
@AnalyzeClasses(
    packages = "dev.rebalance.cli",
    importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTest {

  @ArchTest
  static final ArchRule cliDoesNotReachIntoCoreInternals =
      noClasses()
          .that()
          .resideInAPackage("dev.rebalance.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.rebalance.core.internal..")
          .because("the CLI is a client of the core's public API like any bot");

  @ArchTest
  static final ArchRule cliDoesNotReadTheSystemClock =
      noClasses()
          .that()
          .resideInAPackage("dev.rebalance.cli..")
          .should()
          .callMethod(java.time.Instant.class, "now")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .because("explain decides at the scenario's `now`, never at the machine's time");
}
