package org.framescope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rooms of docs/ARCHITECTURE.md as rules: layers with arrows only downward, no package cycle,
 * and the adapters (CLI, server, Spark) thin over the library.
 */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.framescope");

    /**
     * Lowest first: helpers; text and features; the model artifact; data sets and results; the
     * rooms that read, train and evaluate; the facade; the adapters. A room may use the rooms
     * below it, never one above.
     */
    @Test
    void roomsAreLayered() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("util")
                .definedBy("org.framescope.util..")
                .layer("text")
                .definedBy("org.framescope.text..")
                .layer("encode")
                .definedBy("org.framescope.encode..")
                .layer("model")
                .definedBy("org.framescope.model..")
                .layer("data")
                .definedBy("org.framescope.data..")
                .layer("result")
                .definedBy("org.framescope.result..")
                .layer("io")
                .definedBy("org.framescope.io..")
                .layer("eval")
                .definedBy("org.framescope.eval..")
                .layer("train")
                .definedBy("org.framescope.train..")
                .layer("corpus")
                .definedBy("org.framescope.corpus..")
                .layer("facade")
                .definedBy("org.framescope")
                .layer("adapters")
                .definedBy("org.framescope.cli..", "org.framescope.server..", "org.framescope.spark..")
                .whereLayer("adapters")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("facade")
                .mayOnlyBeAccessedByLayers("adapters")
                .whereLayer("train")
                .mayOnlyBeAccessedByLayers("facade", "adapters")
                .whereLayer("corpus")
                .mayOnlyBeAccessedByLayers("facade", "adapters")
                .whereLayer("eval")
                .mayOnlyBeAccessedByLayers("train", "facade", "adapters")
                .whereLayer("io")
                .mayOnlyBeAccessedByLayers("eval", "train", "corpus", "facade", "adapters")
                .whereLayer("result")
                .mayOnlyBeAccessedByLayers("io", "eval", "train", "corpus", "facade", "adapters")
                .whereLayer("data")
                .mayOnlyBeAccessedByLayers("io", "eval", "train", "corpus", "facade", "adapters")
                .whereLayer("model")
                .mayOnlyBeAccessedByLayers("data", "result", "io", "eval", "train", "corpus", "facade", "adapters")
                .whereLayer("encode")
                .mayOnlyBeAccessedByLayers(
                        "model", "data", "result", "io", "eval", "train", "corpus", "facade", "adapters")
                .whereLayer("text")
                .mayOnlyBeAccessedByLayers(
                        "encode", "model", "data", "result", "io", "eval", "train", "corpus", "facade", "adapters")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.framescope.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void noPackageDependsOnCliOrServer() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.framescope.cli..", "org.framescope.server..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.framescope.cli..", "org.framescope.server..")
                .check(CLASSES);
    }

    /** The server adapts the facade to HTTP: no training, evaluation, feature or CLI code behind its back. */
    @Test
    void serverIsAThinAdapterOverTheFacade() {
        noClasses()
                .that()
                .resideInAPackage("org.framescope.server..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.framescope.cli..",
                        "org.framescope.train..",
                        "org.framescope.eval..",
                        "org.framescope.encode..",
                        "org.framescope.text..")
                .check(CLASSES);
    }

    @Test
    void textPackageStandsAlone() {
        noClasses()
                .that()
                .resideInAPackage("org.framescope.text..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.framescope.model..",
                        "org.framescope.train..",
                        "org.framescope.eval..",
                        "org.framescope.encode..",
                        "org.framescope.io..")
                .check(CLASSES);
    }

    /**
     * picocli, Javalin, JFreeChart and Pebble are optional dependencies of the library (a library
     * user does not get them): only the CLI, the server and the HTML report (its charts and
     * templates) may touch them.
     */
    @Test
    void optionalDependenciesStayInTheirAdapters() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.framescope.cli..", "org.framescope.server..", "org.framescope.spark..")
                .and()
                .doNotHaveFullyQualifiedName("org.framescope.eval.Charts")
                .and()
                .haveNameNotMatching("org\\.framescope\\.eval\\.(Charts|HtmlReport)(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "picocli..", "io.javalin..", "org.eclipse.jetty..", "org.jfree..", "io.pebbletemplates..")
                .check(CLASSES);
    }

    @Test
    void modelDoesNotDependOnTrainingOrEvaluation() {
        noClasses()
                .that()
                .resideInAPackage("org.framescope.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.framescope.train..", "org.framescope.eval..")
                .check(CLASSES);
    }

    /** Spark is provided by the cluster: only its adapter may touch it, so the library runs without it. */
    @Test
    void onlyTheSparkAdapterUsesSpark() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.framescope.spark..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.spark..", "scala..")
                .check(CLASSES);
    }

    /** JVM-wide settings belong to the application: the library must not change them for its users. */
    @Test
    void onlyTheCommandLineSetsSystemProperties() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.framescope.cli..")
                .should()
                .callMethod(System.class, "setProperty", String.class, String.class)
                .check(CLASSES);
    }
}
