package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

/** Ruby backtraces group on the exception class, masked message and in-app frames. */
public class RubyTraceSignatureTest {
  private final Signer signer = new Signer();

  private static String resource(String name) throws IOException {
    try (InputStream in = RubyTraceSignatureTest.class.getResourceAsStream("/signature/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  public void uncaughtExceptionReportWithStraightQuotes() throws IOException {
    assertThat(
        signer.sign(resource("ruby_uncaught.txt")).template(),
        equalTo(
            "NoMethodError: undefined method 'name' for nil"
                + " | at User#save! (models/user.rb) | at Signup#call (services/signup.rb)"
                + " | at UsersController#create (controllers/users_controller.rb)"));
  }

  @Test
  public void railsLogWithBacktickQuotes() throws IOException {
    assertThat(
        signer.sign(resource("ruby_rails.txt")).template(),
        equalTo(
            "NoMethodError: undefined method `name' for nil:NilClass"
                + " | at save! (models/user.rb) | at call (services/signup.rb)"
                + " | at create (controllers/users_controller.rb)"));
  }

  @Test
  public void gemsAndStandardLibraryAreNotInApp() throws IOException {
    String t = signer.sign(resource("ruby_uncaught.txt")).template();
    assertThat(t.contains("callbacks.rb") || t.contains("benchmark.rb"), equalTo(false));
  }

  @Test
  public void lineNumbersDoNotSplit() throws IOException {
    String t = resource("ruby_uncaught.txt");
    assertThat(
        signer.sign(t.replace("user.rb:12", "user.rb:19").replace("signup.rb:30", "signup.rb:31")),
        equalTo(signer.sign(t)));
  }

  @Test
  public void loggerHeaderWithTypeFirst() {
    String t =
        "ActiveRecord::RecordNotFound: Couldn't find User with 'id'=42\n"
            + "app/controllers/users_controller.rb:5:in `show'";
    assertThat(
        signer.sign(t).template(),
        equalTo(
            "ActiveRecord::RecordNotFound: Couldn't find User with 'id'=<*> | at show (controllers/users_controller.rb)"));
  }

  @Test
  public void differentClassesStayApart() throws IOException {
    String t = resource("ruby_uncaught.txt");
    assertThat(
        signer.sign(t.replace("(NoMethodError)", "(ArgumentError)")).id(),
        not(equalTo(signer.sign(t).id())));
  }
}
