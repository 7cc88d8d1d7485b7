package dev.tributary;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Proves the module structure: a framework-free canonical model and validation, no cycles between
 * features, and adapters that plug into the engine without the engine or each other knowing them.
 */
@AnalyzeClasses(packages = "dev.tributary", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule canonical_model_should_depend_only_on_the_jdk_and_itself = classes()
            .that().resideInAPackage("dev.tributary.canonical..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.tributary.canonical..")
            .because("the canonical model is the contract between regions and HQ and imports no framework");

    @ArchTest
    static final ArchRule validation_should_not_depend_on_spring_camel_jackson_or_jms = noClasses()
            .that().resideInAPackage("dev.tributary.validation..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.camel..", "com.fasterxml.jackson..", "jakarta.jms..",
                    "javax.jms..")
            .because("validation rules are plain classes that run in unit tests without a framework");

    @ArchTest
    static final ArchRule feature_packages_should_be_free_of_cycles = slices()
            .matching("dev.tributary.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_each_other = slices()
            .matching("dev.tributary.adapter.(*)..")
            .should().notDependOnEachOther()
            .allowEmptyShould(true)
            .because("adding or changing one regional tool or HQ system touches only its own adapter");

    @ArchTest
    static final ArchRule engine_should_not_depend_on_adapters = noClasses()
            .that().resideOutsideOfPackage("dev.tributary.adapter..")
            .should().dependOnClassesThat().resideInAPackage("dev.tributary.adapter..")
            .because("the engine (intake, validation, dispatch, …) is the same whichever adapters are installed");
}
