package dev.loggardener.report;

import com.github.mustachejava.Mustache;
import dev.loggardener.markdown.MarkdownMustacheFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Renders a {@link ServiceWindowReport} as markdown through a Mustache template: by default the
 * bundled {@value #DEFAULT_TEMPLATE}, or a user's own file. The template text is read when the
 * renderer is created and travels with it when Beam serializes it, so a user template on the
 * launching machine works on workers that never see that file; the compiled template is not
 * serializable and is rebuilt once per deserialized instance. In templates {@code {{x}}} is
 * markdown-escaped (see {@link MarkdownEscaper}); partials are not supported. Thread-safe.
 */
public final class ReportRenderer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Classpath location of the bundled template (the repo's {@code templates/} directory). */
  public static final String DEFAULT_TEMPLATE = "templates/report.md.mustache";

  private final String templateName;
  private final String templateText;
  private transient volatile Mustache compiled;

  /** A renderer using the bundled template. */
  public ReportRenderer() {
    this(DEFAULT_TEMPLATE, readClasspath(DEFAULT_TEMPLATE));
  }

  private ReportRenderer(String templateName, String templateText) {
    this.templateName = templateName;
    this.templateText = templateText;
    // Compiling now makes a broken user template fail at pipeline construction, not on workers.
    this.compiled = compile();
  }

  /** A renderer using the bundled template; same as {@code new ReportRenderer()}. */
  public static ReportRenderer withDefaultTemplate() {
    return new ReportRenderer();
  }

  /**
   * A renderer using the user's template file (UTF-8), read now.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws com.github.mustachejava.MustacheException if it is not a valid template
   */
  public static ReportRenderer fromTemplateFile(Path path) {
    Objects.requireNonNull(path, "path");
    try {
      return new ReportRenderer(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read report template " + path, e);
    }
  }

  /** Convenience overload for command-line options. */
  public static ReportRenderer fromTemplateFile(String path) {
    return fromTemplateFile(Path.of(path));
  }

  /** A renderer using template text given directly; {@code name} only appears in errors. */
  public static ReportRenderer fromTemplateText(String name, String text) {
    return new ReportRenderer(
        Objects.requireNonNull(name, "name"), Objects.requireNonNull(text, "text"));
  }

  /** Where the template came from: the classpath resource, a file path or the given name. */
  public String templateName() {
    return templateName;
  }

  /** The markdown report for {@code report}. */
  public String render(ServiceWindowReport report) {
    StringWriter out = new StringWriter();
    mustache().execute(out, ReportView.of(Objects.requireNonNull(report, "report")));
    return out.toString();
  }

  private Mustache mustache() {
    Mustache m = compiled;
    if (m == null) {
      synchronized (this) {
        m = compiled;
        if (m == null) {
          m = compile();
          compiled = m;
        }
      }
    }
    return m;
  }

  private Mustache compile() {
    return new MarkdownMustacheFactory().compile(new StringReader(templateText), templateName);
  }

  private static String readClasspath(String resource) {
    ClassLoader cl = ReportRenderer.class.getClassLoader();
    try (InputStream in = cl.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Report template missing from classpath: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read report template " + resource, e);
    }
  }

  @Override
  public String toString() {
    return "ReportRenderer(" + templateName + ")";
  }
}
