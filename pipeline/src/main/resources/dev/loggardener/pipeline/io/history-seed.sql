-- The history seed a launch reads: for each window since @since, each service and each cluster,
-- the count an analyst reads from clusters_latest (which settles panes, runs and backfills),
-- summed in case the view gives a cluster more than one row. @VIEW@ is the view's full name.
-- The filter is on window_start, the table's partitioning column, which the view partitions its
-- window functions by, so BigQuery prunes the table's partitions through the view: the query
-- reads the seed's days, not the table's whole retention.
SELECT
  window_start,
  MAX(window_end) AS window_end,
  service,
  COALESCE(group_id, signature_id) AS cluster_id,
  SUM(count) AS count
FROM `@VIEW@`
WHERE window_start >= @since
GROUP BY window_start, service, cluster_id
ORDER BY window_start, service, cluster_id
