package dev.loggardener.markdown;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.Writer;

/**
 * A Mustache factory whose default escaping is markdown escaping instead of HTML escaping, so that
 * a template author who writes {@code {{x}}} gets safe output without thinking about it and only
 * the deliberately pre-built fragments use {@code {{{x}}}}.
 */
public final class MarkdownMustacheFactory extends DefaultMustacheFactory {

  @Override
  public void encode(String value, Writer writer) {
    try {
      writer.write(MarkdownEscaper.escape(value));
    } catch (IOException e) {
      throw new MustacheException("Failed to write escaped value", e);
    }
  }
}
