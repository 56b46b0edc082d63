package io.pkgpulse.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The worker's packages by feature, with dependencies that point one way. */
@AnalyzeClasses(packages = "io.pkgpulse.ingest", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * A cycle between features means neither can be understood, or changed, without the
     * other.
     */
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("io.pkgpulse.ingest.(*)..")
        .should()
        .beFreeOfCycles();

    /**
     * Checking an event (agent parsing included) is pure: it needs no database, no Kafka
     * consumer, no writer.
     */
    @ArchTest
    static final ArchRule checkingEventsTouchesNoDatabase = noClasses().that()
        .resideInAPackage("io.pkgpulse.ingest.events..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.pkgpulse.ingest.write..", "io.pkgpulse.ingest.consume..",
                "io.pkgpulse.ingest.archive..", "io.pkgpulse.ingest.partitions..", "java.sql..", "javax.sql..",
                "org.springframework.jdbc..");

}
