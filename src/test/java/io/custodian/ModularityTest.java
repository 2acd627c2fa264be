package io.custodian;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Module boundaries: Modulith's verification plus the rules it does not cover. */
class ModularityTest {

  private static final ApplicationModules MODULES =
      ApplicationModules.of(CustodianApplication.class);
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.custodian");

  @Test
  void modulesRespectTheirBoundaries() {
    MODULES.verify();
  }

  @Test
  void mediaTheAuditChainAndTheOffloadFormatsAreFrameworkFree() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.custodian.media..", "io.custodian.audit.chain..", "io.custodian.offload.format..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "jakarta..", "tools.jackson..")
        .check(CLASSES);
  }

  @Test
  void theDemoReachesTheServiceOnlyOverHttp() {
    classes()
        .that()
        .resideInAPackage("io.custodian.demo..")
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage("io.custodian..")
                .or(resideInAnyPackage("io.custodian.demo..", "io.custodian.media..")))
        .check(CLASSES);
  }

  @Test
  void theSmtpPrimitivesArePlainClasses() {
    noClasses()
        .that()
        .resideInAPackage("io.custodian.offload.smtp..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "tools.jackson..")
        .check(CLASSES);
  }

  @Test
  void writesModuleDocumentation() {
    new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
  }
}
