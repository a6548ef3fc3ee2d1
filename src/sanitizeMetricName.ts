// node_exporter's SanitizeMetricName (collector/helper.go): every run of characters that may not appear
// in a metric name, with the underscores around it, becomes one underscore ("package-0" -> "package_0").
const INVALID_RUN = /_*[^0-9A-Za-z_]+_*/g;

export function sanitizeMetricName(name: string): string {
  return name.replace(INVALID_RUN, '_');
}
