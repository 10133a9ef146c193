-- Log Gardener: ready BigQuery queries over the clusters_latest view (latest pane of each
-- window, service and signature). Replace `PROJECT.log_gardener` with your dataset. Filters on
-- window_start prune partitions: keep one in every query (the tables require one).
--
-- The file runs as one BigQuery script, or each query alone (query 3 together with the DECLARE
-- below). BigQuery wants every DECLARE at the start of a script, so query 3's variable is
-- declared here; set its value first.
DECLARE target_signature_id STRING DEFAULT '0123456789abcdef';

-- 1. Top clusters in the last 24 hours.
SELECT service, signature_id, ANY_VALUE(signature) AS signature, MIN(priority) AS priority,
       SUM(count) AS entries, MAX(last_seen) AS last_seen, ANY_VALUE(sample_message) AS sample
FROM `PROJECT.log_gardener.clusters_latest`
WHERE window_start >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 24 HOUR)
GROUP BY service, signature_id
ORDER BY priority, entries DESC
LIMIT 50;

-- 2. Signatures seen today that were not seen in the 30 days before.
SELECT service, signature_id, ANY_VALUE(signature) AS signature, MIN(priority) AS priority,
       SUM(count) AS entries, MIN(first_seen) AS first_seen
FROM `PROJECT.log_gardener.clusters_latest` AS today
WHERE window_start >= TIMESTAMP(CURRENT_DATE())
  AND NOT EXISTS (
    SELECT 1 FROM `PROJECT.log_gardener.clusters_latest` AS before
    WHERE before.window_start >= TIMESTAMP(DATE_SUB(CURRENT_DATE(), INTERVAL 30 DAY))
      AND before.window_start < TIMESTAMP(CURRENT_DATE())
      AND before.service = today.service
      AND before.signature_id = today.signature_id)
GROUP BY service, signature_id
ORDER BY priority, entries DESC;

-- 3. Hourly trend of one signature over the last 7 days (target_signature_id, declared above;
--    not named like a column, which would shadow it).
SELECT window_start AS hour, service, SUM(count) AS entries
FROM `PROJECT.log_gardener.clusters_latest`
WHERE window_start >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  AND signature_id = target_signature_id
GROUP BY hour, service
ORDER BY hour, service;

-- 4. P0 clusters by service in the last 24 hours.
SELECT service, COUNT(DISTINCT signature_id) AS p0_signatures, SUM(count) AS p0_entries,
       ARRAY_AGG(DISTINCT priority_reason IGNORE NULLS LIMIT 5) AS reasons
FROM `PROJECT.log_gardener.clusters_latest`
WHERE window_start >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 24 HOUR)
  AND priority = 'P0'
GROUP BY service
ORDER BY p0_entries DESC;

-- 5. Signatures whose count jumped against the previous day (at least 3x and 100 more entries).
WITH daily AS (
  SELECT DATE(window_start) AS day, service, signature_id, ANY_VALUE(signature) AS signature,
         SUM(count) AS entries
  FROM `PROJECT.log_gardener.clusters_latest`
  WHERE window_start >= TIMESTAMP(DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY))
  GROUP BY day, service, signature_id
)
SELECT t.service, t.signature_id, t.signature, IFNULL(y.entries, 0) AS yesterday,
       t.entries AS today, ROUND(SAFE_DIVIDE(t.entries, y.entries), 1) AS ratio
FROM daily AS t
LEFT JOIN daily AS y
  ON y.day = DATE_SUB(t.day, INTERVAL 1 DAY)
 AND y.service = t.service AND y.signature_id = t.signature_id
WHERE t.day = CURRENT_DATE()
  AND t.entries >= 3 * IFNULL(y.entries, 0)
  AND t.entries - IFNULL(y.entries, 0) >= 100
ORDER BY t.entries - IFNULL(y.entries, 0) DESC;
