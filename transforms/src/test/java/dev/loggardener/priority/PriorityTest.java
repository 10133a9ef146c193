package dev.loggardener.priority;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.loggardener.model.Severity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.Test;

public class PriorityTest {

  @Test
  public void rankOfOrdersKnownLevelsBeforeUnknownOnes() {
    assertThat(Priority.rankOf("P0"), equalTo(0));
    assertThat(Priority.rankOf("P3"), equalTo(3));
    assertThat(Priority.rankOf(""), equalTo(4));
    assertThat(Priority.rankOf(null), equalTo(4));
    assertThat(Priority.rankOf("p0"), equalTo(4));
  }

  @Test
  public void rejectsUnknownLevel() {
    assertThrows(IllegalArgumentException.class, () -> Priority.of("P9", "x"));
  }

  @Test
  public void valueSemantics() {
    assertThat(Priority.of("P1", "r"), equalTo(Priority.of("P1", "r")));
    assertThat(Priority.of("P1", "r").rank(), equalTo(1));
  }

  @Test
  public void classifierAndResultSurviveJavaSerialization() throws Exception {
    PriorityClassifier c = roundTrip(new PriorityClassifier());
    Priority p =
        c.classify(Severity.WARNING, "Container called exit(<*>).", "Container called exit(3).");
    assertThat(roundTrip(p), equalTo(p));
    assertThat(p.level(), equalTo("P0"));
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
