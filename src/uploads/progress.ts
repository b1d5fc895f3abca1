// Byte counts → MCP progress notifications, at most one per interval (a fast local upload would
// otherwise send thousands), always the last one, and never a value that goes backwards.

export type ReportProgress = (progress: number, total?: number, message?: string) => void;

export const PROGRESS_INTERVAL_MS = 100;

export interface ProgressMeter {
  /** `sent` bytes of `total` so far. */
  update(sent: number): void;
  /** The final report (progress === total), sent once. */
  done(): void;
}

export function progressMeter(
  report: ReportProgress | undefined,
  total: number,
  label: string,
  intervalMs = PROGRESS_INTERVAL_MS,
  now: () => number = performance.now.bind(performance),
): ProgressMeter {
  let last = -Infinity;
  let reported = -1;
  let finished = false;
  const send = (sent: number) => {
    if (!report || sent <= reported) return;
    reported = sent;
    last = now();
    report(sent, total, `${label}: ${megabytes(sent)} of ${megabytes(total)} MB`);
  };
  return {
    update(sent) {
      if (sent < total && now() - last < intervalMs) return;
      if (sent >= total) finished = true;
      send(Math.min(sent, total));
    },
    done() {
      if (finished && reported === total) return;
      finished = true;
      send(total);
    },
  };
}

const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);
