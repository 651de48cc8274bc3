/** One load run's figures, whatever tool made them. */
export type LoadResult = {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  /** Null where the tool does not report it (autocannon). */
  p95Ms: number | null;
  p99Ms: number;
  /** Connection errors, timeouts and answers other than 2xx/3xx. */
  errors: number;
};

export type LoadRun = {
  baseUrl: string;
  requests: { method: string; path: string; headers: Record<string, string>; body?: string }[];
  connections: number;
  seconds: number;
};
