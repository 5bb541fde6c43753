// The operator's part of `up`'s banner: where the metrics are, and the Web UI's lists of the cases
// that need someone (overdue, needing attention, failing workflow tasks) as ready links.

/** The visibility queries behind the links (docs/operations.md shows the same ones). */
export const operatorQueries = {
  overdue: "ComplaintOverdue = true AND ExecutionStatus = 'Running'",
  attention: "ComplaintAttention IS NOT NULL AND ExecutionStatus = 'Running'",
  problems: "TemporalReportedProblems IS NOT NULL AND ExecutionStatus = 'Running'",
} as const;

export function webUiListUrl(uiUrl: string, namespace: string, query: string): string {
  return `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows?query=${encodeURIComponent(query)}`;
}

export function operatorLinks(opts: {
  apiUrl: string;
  uiUrl?: string;
  namespace: string;
  workerMetrics?: string;
  apiMetrics?: string;
}): string[] {
  const lines = [
    `  Metrics              API ${opts.apiMetrics ?? 'off (API_METRICS_PORT=0)'} · worker ${opts.workerMetrics ?? 'off (METRICS_PORT=0)'}`,
    `  Cases needing people ${opts.apiUrl}/ops/summary   (operator or supervisor key)`,
  ];
  if (opts.uiUrl)
    lines.push(
      `  Overdue cases        ${webUiListUrl(opts.uiUrl, opts.namespace, operatorQueries.overdue)}`,
      `  Needing attention    ${webUiListUrl(opts.uiUrl, opts.namespace, operatorQueries.attention)}`,
      `  Failing workflows    ${webUiListUrl(opts.uiUrl, opts.namespace, operatorQueries.problems)}`,
    );
  return lines;
}
