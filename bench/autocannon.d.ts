/**
 * The part of autocannon's programmatic API the benchmark uses (the package ships no types and
 * @types/autocannon is not a dependency).
 */
declare module 'autocannon' {
  type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
  };

  export type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };

  export type Options = {
    url: string;
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Per-request timeout, seconds. */
    timeout?: number;
    /** Requests each connection cycles through; setupRequest rebuilds one before every send. */
    requests?: (Request & { setupRequest?: (request: Request) => Request })[];
    /** Called with the (chunk-wise decoded) body of each response; false counts a mismatch. */
    verifyBody?: (body: string) => boolean;
  };

  export type Result = {
    /** Seconds actually run. */
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    /** Milliseconds; only 2xx responses are recorded. */
    latency: Histogram & { totalCount: number };
    /** Per-second samples; `total` is every completed request. */
    requests: Histogram & { sent: number };
    /** Bytes per second samples; `total` is every byte received. */
    throughput: Histogram;
  };

  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
