package io.captivewatch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house rules of docs/ARCHITECTURE.md, checked over the compiled main classes: every package is a slice and
 * no two slices depend on each other in a cycle; JavaFX, AWT and Swing only in the desktop room; core knows
 * neither cli nor desktop, and cli does not know desktop. Tests are not checked (they cross rooms on purpose).
 */
class LayeringTest {

    /** The rules for a tree whose rooms are {@code root.core}, {@code root.cli} and {@code root.desktop}. */
    static List<ArchRule> rules(String root) {
        return List.of(
                slices().matching(root + ".(**)").namingSlices("$1")
                        .as("packages of " + root).should().beFreeOfCycles(),
                noClasses().that().resideOutsideOfPackage(root + ".desktop..")
                        .and().resideInAPackage(root + "..")
                        .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
                        .as("only " + root + ".desktop uses JavaFX, AWT or Swing"),
                noClasses().that().resideInAPackage(root + ".core..")
                        .should().dependOnClassesThat().resideInAnyPackage(root + ".cli..", root + ".desktop..")
                        .as(root + ".core depends on neither cli nor desktop"),
                noClasses().that().resideInAPackage(root + ".cli..")
                        .should().dependOnClassesThat().resideInAPackage(root + ".desktop..")
                        .as(root + ".cli does not depend on desktop"));
    }

    @Test
    void mainClassesKeepTheHouseRules() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.captivewatch");
        assertThat(main.contain("io.captivewatch.core.monitor.Monitor")).as("main classes imported").isTrue();
        for (ArchRule rule : rules("io.captivewatch")) rule.check(main);
    }

    /** The rules can fail: a fixture tree under src/test breaks each of them once. */
    @Test
    void eachRuleReportsItsViolationInTheFixture() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.captivewatch.layeringfixture");
        List<ArchRule> rules = rules("io.captivewatch.layeringfixture");
        EvaluationResult cycles = rules.get(0).evaluate(fixture);
        assertThat(cycles.hasViolation()).isTrue();
        assertThat(cycles.getFailureReport().toString()).contains("core.a", "core.b");
        EvaluationResult toolkit = rules.get(1).evaluate(fixture);
        assertThat(toolkit.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("core.b.B") && d.contains("java.awt.Point"))
                .anyMatch(d -> d.contains("cli.Cmd") && d.contains("javafx.geometry.Point2D"))
                .noneMatch(d -> d.contains("desktop.Ui"));
        EvaluationResult upward = rules.get(2).evaluate(fixture);
        assertThat(upward.getFailureReport().getDetails()).anyMatch(d -> d.contains("core.b.B") && d.contains("desktop.Ui"));
        assertThat(rules.get(3).evaluate(fixture).hasViolation()).isFalse();
    }
}
