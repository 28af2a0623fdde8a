package org.recloop.scenarios;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module arrows of ARCHITECTURE.md, and the house rules on randomness, checked on the bytecode. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // main code only: test classes, including sim-core's shared contract tests in its test jar
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.recloop");
    }

    @Test
    void kernelDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("org.recloop.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.recloop.agents..", "org.recloop.recommenders..",
                        "org.recloop.analysis..", "org.recloop.scenarios..")
                .check(classes);
    }

    @Test
    void middleModulesDependOnlyOnTheKernel() {
        noClasses().that().resideInAPackage("org.recloop.agents..")
                .should().dependOnClassesThat().resideInAnyPackage("org.recloop.recommenders..", "org.recloop.analysis..",
                        "org.recloop.scenarios..")
                .check(classes);
        noClasses().that().resideInAPackage("org.recloop.recommenders..")
                .should().dependOnClassesThat().resideInAnyPackage("org.recloop.agents..", "org.recloop.analysis..",
                        "org.recloop.scenarios..")
                .check(classes);
        noClasses().that().resideInAPackage("org.recloop.analysis..")
                .should().dependOnClassesThat().resideInAnyPackage("org.recloop.agents..", "org.recloop.recommenders..",
                        "org.recloop.scenarios..")
                .check(classes);
    }

    @Test
    void noSharedOrWallClockRandomness() {
        noClasses().should().callMethod(Math.class, "random").check(classes);
        noClasses().should().callConstructor(java.util.Random.class).check(classes);
        noClasses().should().callConstructor(java.util.Random.class, long.class).check(classes);
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
                .check(classes);
    }

    @Test
    void onlyTheLlmPackageImportsLangChain4jAndOnlyTheNeuralPackageImportsDjl() {
        // sim-core, recommenders and analysis get language models through org.recloop.core.lm
        noClasses().that().resideOutsideOfPackage("org.recloop.agents.llm..")
                .should().dependOnClassesThat().resideInAPackage("dev.langchain4j..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("org.recloop.recommenders.neural..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyOraclesSeeTheGroundTruth() {
        noClasses().that().resideInAnyPackage("org.recloop.recommenders..", "org.recloop.agents..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.recloop.core.capability.GroundTruth")
                .check(classes);
    }

    @Test
    void onlyTheGuiDraws() {
        noClasses().that().resideOutsideOfPackage("org.recloop.scenarios.gui..")
                .should().dependOnClassesThat().resideInAnyPackage("sim.display..", "sim.portrayal..")
                .allowEmptyShould(true)
                .check(classes);
    }

    /**
     * The run tables are read and written only by the log package (LogSchema, the writer,
     * LogReader, recovery), so the schema can change in one place and every reader honours
     * committed ticks and forgetting. The LLM package keeps its own response-cache database.
     * The Parquet export talks JDBC to an in-memory DuckDB (its Parquet writer), never to H2 or
     * the pool: it reads the log through LogReader like every other reader.
     */
    @Test
    void onlyTheLogPackageTalksToTheRunDatabase() {
        noClasses().that().resideOutsideOfPackages("org.recloop.core.log..", "org.recloop.agents.llm..",
                        "org.recloop.analysis.export.parquet..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.h2..",
                        "com.zaxxer.hikari..")
                .check(classes);
        noClasses().that().resideInAPackage("org.recloop.analysis.export.parquet..")
                .should().dependOnClassesThat().resideInAnyPackage("org.h2..", "com.zaxxer.hikari..",
                        "org.recloop.core.log..")
                .check(classes);
    }

    /**
     * DuckDB is the Parquet writer of the export and of the log's Parquet store ({@code log.store:
     * parquet}, the {@code Parquet*} classes of the log package, which must stay there to share the
     * log's row sinks and forgetting rules), nothing else.
     */
    @Test
    void onlyTheParquetWritersUseDuckDb() {
        noClasses().that().resideOutsideOfPackage("org.recloop.analysis.export.parquet..")
                .and().haveNameNotMatching("org\\.recloop\\.core\\.log\\.Parquet.*")
                .should().dependOnClassesThat().resideInAnyPackage("org.duckdb..")
                .check(classes);
    }
}
