-- Log Gardener: ready BigQuery queries over the clusters_latest view (one row per window,
-- service and cluster whose counts sum exactly through early panes, updates, relaunches and
-- backfills; docs/streaming.md). Query the view, not the clusters table: the table holds every
-- emission of every run lineage, and tombstones (superseded_by set, count 0).
-- Replace `PROJECT.log_gardener` with your dataset. Filters on window_start prune partitions:
-- keep one in every query (the tables require one).
-- A cluster is a signature group: COALESCE(group_id, signature_id) (rows written before schema
-- version 3 have no group_id and are their signature's group). group_template is the pattern
-- the group stands for; group_member_ids lists the fine signature ids it holds; group_values
-- (schema version 5) says what lies behind each <*> of the pattern, one line per position. A fine
-- signature that early panes showed on its own before the group was learned has no row of its
-- own in the view, so looking it up through group_member_ids counts its entries once.
--
-- The file runs as one BigQuery script, or each query alone (query 3 together with the DECLARE
-- below). BigQuery wants every DECLARE at the start of a script, so query 3's variable is
-- declared here; set its value first.
DECLARE target_signature_id STRING DEFAULT '0123456789abcdef';

-- 1. Top clusters in the last 24 hours.
SELECT service, COALESCE(group_id, signature_id) AS cluster_id,
       ANY_VALUE(COALESCE(group_template, signature)) AS pattern,
       ANY_VALUE(ARRAY_TO_STRING(group_values, ' | ')) AS values_behind, MIN(priority) AS priority,
       SUM(count) AS entries, MAX(last_seen) AS last_seen, ANY_VALUE(sample_message) AS sample
FROM `PROJECT.log_gardener.clusters_latest`
WHERE window_start >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 24 HOUR)
GROUP BY service, cluster_id
ORDER BY priority, entries DESC
LIMIT 50;

-- 2. Clusters seen today that were not seen in the 30 days before.
SELECT service, COALESCE(group_id, signature_id) AS cluster_id,
       ANY_VALUE(COALESCE(group_template, signature)) AS pattern,
       ANY_VALUE(ARRAY_TO_STRING(group_values, ' | ')) AS values_behind, MIN(priority) AS priority,
       SUM(count) AS entries, MIN(first_seen) AS first_seen
FROM `PROJECT.log_gardener.clusters_latest` AS today
WHERE window_start >= TIMESTAMP(CURRENT_DATE())
  AND NOT EXISTS (
    SELECT 1 FROM `PROJECT.log_gardener.clusters_latest` AS before
    WHERE before.window_start >= TIMESTAMP(DATE_SUB(CURRENT_DATE(), INTERVAL 30 DAY))
      AND before.window_start < TIMESTAMP(CURRENT_DATE())
      AND before.service = today.service
      AND COALESCE(before.group_id, before.signature_id)
          = COALESCE(today.group_id, today.signature_id))
GROUP BY service, cluster_id
ORDER BY priority, entries DESC;

-- 3. Hourly trend of one cluster over the last 7 days (target_signature_id, declared above: a
--    group id, or a signature id, which finds the group holding it; not named like a column,
--    which would shadow it).
SELECT window_start AS hour, service, SUM(count) AS entries
FROM `PROJECT.log_gardener.clusters_latest`
WHERE window_start >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  AND (COALESCE(group_id, signature_id) = target_signature_id
       OR target_signature_id IN UNNEST(group_member_ids))
GROUP BY hour, service
ORDER BY hour, service;

-- 4. P0 clusters by service in the last 24 hours.
SELECT service, COUNT(DISTINCT COALESCE(group_id, signature_id)) AS p0_clusters,
       SUM(count) AS p0_entries,
       ARRAY_AGG(DISTINCT priority_reason IGNORE NULLS LIMIT 5) AS reasons
FROM `PROJECT.log_gardener.clusters_latest`
WHERE window_start >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 24 HOUR)
  AND priority = 'P0'
GROUP BY service
ORDER BY p0_entries DESC;

-- 5. Clusters whose count jumped against the previous day (at least 3x and 100 more entries).
WITH daily AS (
  SELECT DATE(window_start) AS day, service, COALESCE(group_id, signature_id) AS cluster_id,
         ANY_VALUE(COALESCE(group_template, signature)) AS pattern, SUM(count) AS entries
  FROM `PROJECT.log_gardener.clusters_latest`
  WHERE window_start >= TIMESTAMP(DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY))
  GROUP BY day, service, cluster_id
)
SELECT t.service, t.cluster_id, t.pattern, IFNULL(y.entries, 0) AS yesterday,
       t.entries AS today, ROUND(SAFE_DIVIDE(t.entries, y.entries), 1) AS ratio
FROM daily AS t
LEFT JOIN daily AS y
  ON y.day = DATE_SUB(t.day, INTERVAL 1 DAY)
 AND y.service = t.service AND y.cluster_id = t.cluster_id
WHERE t.day = CURRENT_DATE()
  AND t.entries >= 3 * IFNULL(y.entries, 0)
  AND t.entries - IFNULL(y.entries, 0) >= 100
ORDER BY t.entries - IFNULL(y.entries, 0) DESC;
