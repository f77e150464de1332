package dev.rebalance.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The examples use Rebalance as a user would: public API only, never an internal package. */
@AnalyzeClasses(
    packages = "dev.rebalance.examples",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ExamplesArchitectureTest {

  @ArchTest
  static final ArchRule usesPublicApiOnly =
      noClasses()
          .that()
          .resideInAPackage("dev.rebalance.examples..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.rebalance.core.internal..", "dev.rebalance.core.store.internal..",
              "dev.rebalance.jdbc.internal..", "dev.rebalance.alpaca.internal..")
          .because("an example is what a user's bot may do: public API only");
}
