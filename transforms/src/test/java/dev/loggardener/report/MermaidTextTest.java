package dev.loggardener.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import org.junit.Test;

public class MermaidTextTest {

  @Test
  public void labelsCannotCloseTheQuoteOrOpenMarkup() {
    String l = MermaidText.label("x\"]\nclick n1 \"http://evil\" <b>&`#");
    assertThat(l, is("\"x#quot;] click n1 #quot;http://evil#quot; #lt;b#gt;#amp;#96;#35;\""));
    assertThat(l.substring(1, l.length() - 1), not(containsString("\"")));
  }

  @Test
  public void nodeIdsKeepOnlyLettersAndDigits() {
    assertThat(MermaidText.nodeId("ab12-\"]; x"), is("nab12x"));
  }
}
