package dev.loggardener.parse;

import static org.junit.Assert.assertEquals;

import java.util.Map;
import org.junit.Test;

public class ServiceIdentityTest {
  private static String svc(String type, Map<String, String> rl) {
    return ServiceIdentity.service(type, rl, Map.of(), "my.log");
  }

  @Test
  public void cloudRunRevisionUsesServiceName() {
    assertEquals("orders-api", svc("cloud_run_revision", Map.of("service_name", "orders-api")));
  }

  @Test
  public void cloudRunJobUsesJobName() {
    assertEquals("nightly", svc("cloud_run_job", Map.of("job_name", "nightly")));
  }

  @Test
  public void k8sContainerUsesNamespaceAndContainer() {
    assertEquals(
        "shop/cart",
        svc(
            "k8s_container",
            Map.of(
                "namespace_name",
                "shop",
                "container_name",
                "cart",
                "pod_name",
                "cart-7d9f-abcde")));
  }

  @Test
  public void k8sPodUsesNamespace() {
    assertEquals("shop", svc("k8s_pod", Map.of("namespace_name", "shop", "pod_name", "p-1")));
  }

  @Test
  public void cloudFunctionUsesFunctionName() {
    assertEquals("resize", svc("cloud_function", Map.of("function_name", "resize")));
  }

  @Test
  public void appEngineUsesModuleId() {
    assertEquals("default", svc("gae_app", Map.of("module_id", "default", "version_id", "v3")));
  }

  @Test
  public void gceInstancePrefersResourceNameLabel() {
    assertEquals(
        "web-1",
        ServiceIdentity.service(
            "gce_instance",
            Map.of("instance_id", "123"),
            Map.of("compute.googleapis.com/resource_name", "web-1"),
            "syslog"));
    assertEquals("123", svc("gce_instance", Map.of("instance_id", "123")));
  }

  @Test
  public void schedulerAndDataflow() {
    assertEquals("hourly", svc("cloud_scheduler_job", Map.of("job_id", "hourly")));
    assertEquals("etl", svc("dataflow_step", Map.of("job_name", "etl")));
  }

  @Test
  public void unknownTypeFallsBackToTypeAndLogId() {
    assertEquals("bigquery_resource:my.log", svc("bigquery_resource", Map.of()));
    assertEquals("global", ServiceIdentity.service("global", Map.of(), Map.of(), ""));
  }

  @Test
  public void knownTypeMissingItsLabelFallsBack() {
    assertEquals("cloud_run_revision:my.log", svc("cloud_run_revision", Map.of()));
  }

  @Test
  public void noResourceIsUnknown() {
    assertEquals("unknown", ServiceIdentity.service(null, null, null, "x"));
    assertEquals("unknown", ServiceIdentity.service("", Map.of(), Map.of(), "x"));
  }

  @Test
  public void revisionPerResourceType() {
    assertEquals(
        "r-1",
        ServiceIdentity.revision("cloud_run_revision", Map.of("revision_name", "r-1"), "sc"));
    assertEquals("v3", ServiceIdentity.revision("gae_app", Map.of("version_id", "v3"), null));
    assertEquals(
        "2025.06.03-1", ServiceIdentity.revision("k8s_container", Map.of(), "2025.06.03-1"));
    assertEquals("", ServiceIdentity.revision("k8s_container", Map.of(), null));
  }

  @Test
  public void instanceIdPrecedence() {
    assertEquals(
        "abc", ServiceIdentity.instanceId(Map.of("pod_name", "p"), Map.of("instanceId", "abc")));
    assertEquals(
        "p", ServiceIdentity.instanceId(Map.of("pod_name", "p", "instance_id", "i"), Map.of()));
    assertEquals("i", ServiceIdentity.instanceId(Map.of("instance_id", "i"), null));
    assertEquals("", ServiceIdentity.instanceId(null, null));
  }

  @Test
  public void parserFillsServiceFieldsForK8s() {
    String json =
        "{\"timestamp\":\"2025-06-03T14:02:11Z\",\"resource\":{\"type\":\"k8s_container\","
            + "\"labels\":{\"namespace_name\":\"shop\",\"container_name\":\"cart\",\"pod_name\":\"cart-x\"}},"
            + "\"jsonPayload\":{\"message\":\"m\",\"serviceContext\":{\"version\":\"1.2\"}}}";
    dev.loggardener.model.LogEntry e = new LogEntryParser().parse(json).entry();
    assertEquals("shop/cart", e.service());
    assertEquals("1.2", e.revision());
    assertEquals("cart-x", e.instanceId());
  }
}
