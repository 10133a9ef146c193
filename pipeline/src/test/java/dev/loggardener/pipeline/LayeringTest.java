package dev.loggardener.pipeline;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Assert;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The floor plan of docs/architecture.md, checked on the compiled classes of the transforms and
 * pipeline modules: packages form no cycle, and a package depends only on packages of lower layers.
 * Packages on one layer are siblings and do not depend on each other. A new package must be given a
 * layer here (and in docs/architecture.md) before it passes. The flink and benchmarks modules, on
 * top, are not on this module's classpath: their sources are scanned instead.
 */
public class LayeringTest {
  private static final String ROOT = "dev.loggardener.";

  /** Lowest layer first; packages relative to {@code dev.loggardener}. */
  static final List<List<String>> LAYERS =
      List.of(
          List.of("model"),
          List.of("beam"),
          List.of("redact", "markdown"),
          List.of("priority"),
          List.of("parse"),
          List.of("signature"),
          List.of("filter"),
          List.of("multiline"),
          List.of("ingest"),
          List.of("cluster"),
          List.of("grouping"),
          List.of("cascade", "history"),
          List.of("issues"),
          List.of("report"),
          List.of("pipeline.options"),
          List.of("pipeline.sample"),
          List.of("pipeline.io"),
          List.of("pipeline.cli"),
          List.of("pipeline"),
          List.of("flink", "benchmarks"));

  /** Modules above this one, by the package each owns alone. */
  private static final List<String> TOP_MODULES = List.of("flink", "benchmarks");

  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");

  /** A named class of this project, in an import or in code: its package is group 1. */
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(dev\\.loggardener(?:\\.[a-z][a-z0-9_]*)+)\\.[A-Z*]");

  private static final Map<String, Integer> LAYER_OF = new LinkedHashMap<>();

  static {
    for (int i = 0; i < LAYERS.size(); i++) {
      for (String p : LAYERS.get(i)) {
        LAYER_OF.put(ROOT + p, i);
      }
    }
  }

  private static JavaClasses classes;

  @BeforeClass
  public static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.loggardener");
  }

  @Test
  public void theArchitecturePageNamesEveryLayeredPackage() throws Exception {
    String page =
        java.nio.file.Files.readString(java.nio.file.Paths.get("..", "docs", "architecture.md"));
    for (List<String> layer : LAYERS) {
      for (String p : layer) {
        org.junit.Assert.assertTrue(
            "docs/architecture.md does not name `" + p + "`", page.contains("`" + p + "`"));
      }
    }
  }

  @Test
  public void theModulesOnTopReferOnlyToLowerLayersFromTheirOwnPackage() throws Exception {
    List<String> violations = new ArrayList<>();
    for (String module : TOP_MODULES) {
      String own = ROOT + module;
      Path sources = Paths.get("..", module, "src", "main", "java");
      Assert.assertTrue(sources + " is missing", Files.isDirectory(sources));
      List<Path> files;
      try (Stream<Path> walk = Files.walk(sources)) {
        files = walk.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList());
      }
      for (Path f : files) {
        String text = Files.readString(f);
        Matcher pkg = PACKAGE.matcher(text);
        if (!pkg.find() || !pkg.group(1).equals(own)) {
          violations.add(f + " is not in " + own);
        }
        Matcher ref = REFERENCE.matcher(text);
        while (ref.find()) {
          String target = ref.group(1);
          Integer to = LAYER_OF.get(target);
          if (!target.equals(own) && (to == null || to >= LAYER_OF.get(own))) {
            violations.add(f + " refers to " + target);
          }
        }
      }
    }
    Assert.assertEquals(List.of(), violations);
  }

  @Test
  public void packagesFormNoCycles() {
    slices().matching("dev.loggardener.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  public void everyPackageHasALayer() {
    ArchRuleDefinition.classes()
        .that()
        .resideInAPackage("dev.loggardener..")
        .should(
            new ArchCondition<JavaClass>("reside in a package with a layer") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                if (!LAYER_OF.containsKey(c.getPackageName())) {
                  events.add(
                      SimpleConditionEvent.violated(
                          c, c.getPackageName() + " has no layer in LayeringTest.LAYERS"));
                }
              }
            })
        .check(classes);
  }

  @Test
  public void importsPointDownOnly() {
    ArchRule rule =
        ArchRuleDefinition.classes()
            .that()
            .resideInAPackage("dev.loggardener..")
            .should(
                new ArchCondition<JavaClass>("depend only on packages of lower layers") {
                  @Override
                  public void check(JavaClass c, ConditionEvents events) {
                    Integer from = LAYER_OF.get(c.getPackageName());
                    if (from == null) {
                      return; // reported by everyPackageHasALayer
                    }
                    for (Dependency d : c.getDirectDependenciesFromSelf()) {
                      String target = d.getTargetClass().getPackageName();
                      if (target.equals(c.getPackageName()) || !target.startsWith(ROOT)) {
                        continue;
                      }
                      Integer to = LAYER_OF.get(target);
                      if (to == null || to >= from) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                      }
                    }
                  }
                });
    rule.check(classes);
  }
}
