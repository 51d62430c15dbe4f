// The CSV import report, arranged for people: one entry per line of the
// file with every problem found on it, file-level problems first.
import { ApiError } from "../api/client";
import type { ImportResult } from "../api/types";

export type RowError = ImportResult["errors"][number];

export interface LineReport {
  /** Line in the file (the header is line 1); 0 when the problem concerns the whole file. */
  line: number;
  problems: { field: string; code: string; message: string }[];
}

/** Groups row errors by line, in file order, keeping the order of problems within a line. */
export function groupByLine(errors: RowError[]): LineReport[] {
  const byLine = new Map<number, LineReport>();
  for (const e of errors) {
    const line = Math.max(0, Number(e.line) || 0);
    let entry = byLine.get(line);
    if (!entry) {
      entry = { line, problems: [] };
      byLine.set(line, entry);
    }
    entry.problems.push({ field: e.field, code: e.code, message: e.message });
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}

export interface ReportSummary {
  rows: number;
  badLines: number;
  goodRows: number;
  /** True when the header or the file itself is wrong: no row could be read. */
  structural: boolean;
  /** Whether the real import would go through. */
  importable: boolean;
}

/** Counts for the report's headline. */
export function summarize(result: ImportResult): ReportSummary {
  const lines = groupByLine(result.errors);
  const structural = lines.some((l) => l.line <= 1);
  const badLines = lines.filter((l) => l.line > 1).length;
  return {
    rows: result.rows,
    badLines,
    goodRows: Math.max(0, result.rows - badLines),
    structural,
    importable: result.errors.length === 0 && result.rows > 0,
  };
}

/** The bad rows of a refused real import (422 problem with `line` on each field error). */
export function rowErrorsFromProblem(err: unknown): RowError[] {
  if (!(err instanceof ApiError) || err.status !== 422) return [];
  return (err.problem?.errors ?? []).map((e) => ({ line: e.line ?? 0, field: e.field, code: e.code, message: e.message }));
}
