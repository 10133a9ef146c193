package dev.loggardener.parse;

import java.util.Map;

/**
 * Derives who emitted an entry from its monitored resource, so that clusters are keyed by a service
 * name people recognise rather than by log name. {@link #service} maps each resource type to its
 * naming label: {@code cloud_run_revision}→{@code service_name}, {@code cloud_run_job}→{@code
 * job_name}, {@code k8s_container}→{@code namespace_name/container_name}, {@code k8s_pod}→{@code
 * namespace_name} (pod names carry random suffixes), {@code cloud_function}→{@code function_name},
 * {@code gae_app}→{@code module_id}, {@code gce_instance}→the entry label {@code
 * compute.googleapis.com/resource_name} else {@code instance_id}, and the other obvious ones listed
 * in the source. An unknown type, or a known type missing its label, yields {@code
 * resourceType:logId} ({@code resourceType} alone without a log id); no resource type at all yields
 * {@code "unknown"}. Pure and static.
 */
public final class ServiceIdentity {
  /** The service name used when an entry has no monitored resource. */
  public static final String UNKNOWN = "unknown";

  private ServiceIdentity() {}

  /** The service name for an entry; never null or empty. */
  public static String service(
      String resourceType,
      Map<String, String> resourceLabels,
      Map<String, String> entryLabels,
      String logId) {
    String type = resourceType == null ? "" : resourceType;
    if (type.isEmpty()) {
      return UNKNOWN;
    }
    Map<String, String> rl = resourceLabels == null ? Map.of() : resourceLabels;
    String name = null;
    switch (type) {
      case "cloud_run_revision":
        name = get(rl, "service_name");
        break;
      case "cloud_run_job":
      case "dataflow_step":
        name = get(rl, "job_name");
        break;
      case "k8s_container":
        {
          String ns = get(rl, "namespace_name");
          String c = get(rl, "container_name");
          name = ns != null && c != null ? ns + "/" + c : c;
          break;
        }
      case "k8s_pod":
        name = get(rl, "namespace_name");
        break;
      case "k8s_node":
        name = get(rl, "node_name");
        break;
      case "k8s_cluster":
      case "gke_cluster":
      case "cloud_dataproc_cluster":
        name = get(rl, "cluster_name");
        break;
      case "cloud_function":
        name = get(rl, "function_name");
        break;
      case "gae_app":
        name = get(rl, "module_id");
        break;
      case "gce_instance":
        name =
            get(
                entryLabels == null ? Map.of() : entryLabels,
                "compute.googleapis.com/resource_name");
        if (name == null) {
          name = get(rl, "instance_id");
        }
        break;
      case "cloud_scheduler_job":
        name = get(rl, "job_id");
        break;
      case "cloud_composer_environment":
        name = get(rl, "environment_name");
        break;
      case "cloudsql_database":
      case "cloud_sql_database":
        name = get(rl, "database_id");
        break;
      case "cloud_tasks_queue":
        name = get(rl, "queue_id");
        break;
      case "pubsub_topic":
        name = get(rl, "topic_id");
        break;
      case "pubsub_subscription":
        name = get(rl, "subscription_id");
        break;
      case "gcs_bucket":
        name = get(rl, "bucket_name");
        break;
      case "api":
        name = get(rl, "service");
        break;
      default:
        break;
    }
    if (name != null) {
      return name;
    }
    return logId == null || logId.isEmpty() ? type : type + ":" + logId;
  }

  /**
   * The revision or version of the workload: Cloud Run {@code revision_name}, App Engine {@code
   * version_id}, else the {@code serviceContext.version} an app reported; empty when none.
   */
  public static String revision(
      String resourceType, Map<String, String> resourceLabels, String serviceContextVersion) {
    Map<String, String> rl = resourceLabels == null ? Map.of() : resourceLabels;
    String r = null;
    if ("cloud_run_revision".equals(resourceType)) {
      r = get(rl, "revision_name");
    } else if ("gae_app".equals(resourceType)) {
      r = get(rl, "version_id");
    }
    if (r == null && serviceContextVersion != null && !serviceContextVersion.isEmpty()) {
      r = serviceContextVersion;
    }
    return r == null ? "" : r;
  }

  /**
   * The emitting instance: Cloud Run's {@code labels.instanceId}, else the resource's {@code
   * pod_name}, else its {@code instance_id}; empty when none. Used to stitch split tracebacks.
   */
  public static String instanceId(
      Map<String, String> resourceLabels, Map<String, String> entryLabels) {
    String id = entryLabels == null ? null : get(entryLabels, "instanceId");
    if (id == null && resourceLabels != null) {
      id = get(resourceLabels, "pod_name");
      if (id == null) {
        id = get(resourceLabels, "instance_id");
      }
    }
    return id == null ? "" : id;
  }

  private static String get(Map<String, String> m, String key) {
    String v = m.get(key);
    return v == null || v.isEmpty() ? null : v;
  }
}
