// What trend alerts and the weekly review read from and write to the case store. The countable
// columns of case_records feed the trend detection; the summaries feed the review; trend_alerts
// (migration 020, renamed from trend_signals by 700) keeps every alert, so the same change alerts once and shows until it ends.
import type { CaseSummary } from '../../domain/archive/summary';
import type { TrendCase, TrendRun, TrendAlert } from '../../domain/insights/trends';
import type { TrendDimension } from '../../domain/types';
import { inTransaction, type Store } from './db';

const iso = (d: unknown): string | undefined => (d instanceof Date ? d.toISOString() : undefined);

/** Cases received, or whose incident happened, at or after `since`: what a detection run counts. */
export async function loadTrendCases(store: Store, since: Date): Promise<TrendCase[]> {
  const { rows } = await store.query(
    `SELECT reference, received_at, category, owner_id, product_sku, product_name, supplier, carrier, location, incident_at
       FROM case_records WHERE received_at >= $1 OR incident_at >= $1`,
    [since.toISOString()],
  );
  return (rows as Record<string, unknown>[]).map((r) => ({
    reference: r.reference as string,
    receivedAt: iso(r.received_at)!,
    category: r.category as string,
    owner: r.owner_id as string,
    facts: {
      product:
        r.product_sku || r.product_name
          ? { sku: (r.product_sku as string) ?? undefined, name: (r.product_name as string) ?? undefined }
          : undefined,
      supplier: (r.supplier as string) ?? undefined,
      carrier: (r.carrier as string) ?? undefined,
      location: (r.location as string) ?? undefined,
      incidentAt: iso(r.incident_at),
    },
  }));
}

/** The summaries of the cases a week's review must see: received before its end, not closed before its start. */
export async function loadWeekCases(store: Store, from: number, to: number): Promise<CaseSummary[]> {
  const { rows } = await store.query(
    `SELECT summary FROM case_records
      WHERE received_at < $2 AND (closed_at IS NULL OR closed_at >= $1)`,
    [new Date(from).toISOString(), new Date(to).toISOString()],
  );
  return (rows as { summary: CaseSummary }[]).map((r) => r.summary);
}

function toAlert(r: Record<string, unknown>): TrendAlert & { alertedAt?: string } {
  return {
    id: r.id as string,
    dimension: r.dimension as TrendDimension,
    key: r.key as string,
    value: r.value as string,
    startedAt: iso(r.started_at)!,
    detectedAt: iso(r.detected_at)!,
    endedAt: iso(r.ended_at),
    alertedAt: iso(r.alerted_at),
    evidence: r.evidence as TrendAlert['evidence'],
  };
}

export async function openTrendAlerts(store: Store): Promise<(TrendAlert & { alertedAt?: string })[]> {
  const { rows } = await store.query(
    'SELECT * FROM trend_alerts WHERE ended_at IS NULL ORDER BY detected_at, id',
  );
  return (rows as Record<string, unknown>[]).map(toAlert);
}

export async function readTrendAlert(store: Store, id: string) {
  const { rows } = await store.query('SELECT * FROM trend_alerts WHERE id = $1', [id]);
  return rows[0] ? toAlert(rows[0] as Record<string, unknown>) : undefined;
}

/**
 * Records a detection run in one transaction: new alerts (a series with an open one, or an id seen
 * before, is skipped — so a repeated run changes nothing), fresh evidence for those continuing, the
 * end of those that fell back. Returns the ids of open alerts nobody has been told about yet.
 */
export async function saveTrendRun(store: Store, run: TrendRun, at: Date): Promise<string[]> {
  return inTransaction(store, async (client) => {
    for (const s of run.opened) {
      await client.query(
        `INSERT INTO trend_alerts (id, dimension, key, value, started_at, detected_at, updated_at, evidence)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [
          s.id,
          s.dimension,
          s.key,
          s.value,
          s.startedAt,
          s.detectedAt,
          at.toISOString(),
          JSON.stringify(s.evidence),
        ],
      );
    }
    for (const s of run.continuing) {
      await client.query(
        `UPDATE trend_alerts SET evidence = $2, updated_at = $3 WHERE id = $1 AND ended_at IS NULL`,
        [s.id, JSON.stringify(s.evidence), at.toISOString()],
      );
    }
    for (const s of run.ended) {
      await client.query(
        `UPDATE trend_alerts SET ended_at = $2, updated_at = $2 WHERE id = $1 AND ended_at IS NULL`,
        [s.id, s.endedAt ?? at.toISOString()],
      );
    }
    const { rows } = await client.query(
      'SELECT id FROM trend_alerts WHERE ended_at IS NULL AND alerted_at IS NULL ORDER BY detected_at, id',
    );
    return (rows as { id: string }[]).map((r) => r.id);
  });
}

export async function markTrendAlerted(store: Store, id: string, at: Date): Promise<void> {
  await store.query('UPDATE trend_alerts SET alerted_at = COALESCE(alerted_at, $2) WHERE id = $1', [
    id,
    at.toISOString(),
  ]);
}
