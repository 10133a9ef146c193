package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

/** .NET {@code Exception.ToString()} traces group on the innermost exception and in-app frames. */
public class DotNetTraceSignatureTest {
  private final Signer signer = new Signer();

  private static String resource(String name) throws IOException {
    try (InputStream in =
        DotNetTraceSignatureTest.class.getResourceAsStream("/signature/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  public void innermostExceptionWithInAppFramesAcrossInnerMarkers() throws IOException {
    assertThat(
        signer.sign(resource("dotnet_inner.txt")).template(),
        equalTo(
            "System.Net.Sockets.SocketException: Connection refused"
                + " | at Acme.Payments.PaymentClient.ChargeAsync (Acme.Payments/PaymentClient.cs)"
                + " | at Acme.Orders.Checkout.<PlaceOrderAsync>d__<*>.MoveNext (Acme.Orders/Checkout.cs)"
                + " | at Acme.Orders.Api.OrdersController.Post (Acme.Orders.Api/OrdersController.cs)"));
  }

  @Test
  public void systemAndMicrosoftFramesAreNotInApp() throws IOException {
    assertThat(
        signer.sign(resource("dotnet_app.txt")).template(),
        equalTo(
            "System.InvalidOperationException: Sequence contains no elements"
                + " | at Acme.Orders.OrderService.GetLatest (Acme.Orders/OrderService.cs)"
                + " | at Acme.Orders.OrderService.<>c__DisplayClass<*>.<Refresh>b__<*> (Acme.Orders/OrderService.cs)"
                + " | at Acme.Orders.Api.OrdersController.Get (Acme.Orders.Api/OrdersController.cs)"));
  }

  @Test
  public void lineNumbersAndGeneratedNamesDoNotSplit() throws IOException {
    String t = resource("dotnet_app.txt");
    String moved =
        t.replace(":line 42", ":line 44")
            .replace("DisplayClass5_0", "DisplayClass6_1")
            .replace("b__0()", "b__2()");
    assertThat(signer.sign(moved), equalTo(signer.sign(t)));
  }

  @Test
  public void nativeErrorCodeIsNotPartOfTheType() throws IOException {
    String t = resource("dotnet_inner.txt");
    assertThat(signer.sign(t.replace("(111)", "(10061)")), equalTo(signer.sign(t)));
  }

  @Test
  public void differentInnermostExceptionsStayApart() throws IOException {
    String t = resource("dotnet_inner.txt");
    String timeout =
        t.replace(
            "System.Net.Sockets.SocketException (111): Connection refused",
            "System.TimeoutException: The operation has timed out");
    assertThat(signer.sign(timeout).id(), not(equalTo(signer.sign(t).id())));
  }

  @Test
  public void framesWithoutSourceInformation() {
    String t =
        "System.NullReferenceException: Object reference not set to an instance of an object.\n"
            + "   at Acme.Billing.Invoice.Render()\n"
            + "   at Acme.Billing.Api.Get(Int32 id)";
    assertThat(
        signer.sign(t).template(),
        equalTo(
            "System.NullReferenceException: Object reference not set to an instance of an object."
                + " | at Acme.Billing.Invoice.Render | at Acme.Billing.Api.Get"));
  }
}
