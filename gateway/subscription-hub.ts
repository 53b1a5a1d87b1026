/**
 * The subscription hub: identical subscribers share one execution at the gateway.
 *
 * Without it, Hive Gateway runs a subscription's whole plan once per subscriber and per event: its
 * own upstream stream, the result's projection, the fetches of other subgraphs' fields. For 1,000
 * subscribers of one community that was about two thirds of a burst's CPU (README, "Write
 * benchmark"). With it, the subscribers of one (document as it will run, operation name, variables,
 * viewer class) are members of one hub, which runs the plan once per event and hands the same
 * result to every member.
 *
 * What stays each member's own:
 * - Every check before execution: the token (verified when the member subscribes), the rate limit,
 *   the limits, the `@requiresScopes` check (its refusals change the document, so they change the
 *   key). The hub only replaces the subscribe step.
 * - What a result may contain: the viewer class (roles, scopes, communities: everything scoping,
 *   masking and field authorization read; lib/auth/scopes.ts `viewerClass`) is in the key, and
 *   the hub runs under an identity of exactly that class, so a member receives what its own
 *   execution would have returned.
 * - Its token's expiry: useTokenExpiryEndsSubscriptions wraps each member's stream, so it ends
 *   that member alone, with TOKEN_EXPIRED. The hub's identity (subject `gateway:subscription-hub`)
 *   outlives every member: a hub takes members for HUB_JOIN_MS, and its identity expires
 *   HUB_JOIN_MS + the longest accepted token lifetime after it started (later subscribers of the
 *   same key start a new hub), so no member's token can outlast the hub's. Nothing is handed over
 *   between subscribers, and one member leaving never disturbs the others.
 * - Its audit record: the hub's subgraph calls are signed `audit: 'gateway'`, so the subgraphs
 *   return what each answer revealed (person ids, address codes, in `extensions.revealed`) instead
 *   of writing a record under the hub's subject; the hub writes one record per member and subgraph
 *   under the member's subject, roles and request (operation, client, purpose, request id), as the
 *   subgraph would have, and commits them (one group commit) before the result is handed on. A
 *   member whose record cannot be written gets AUDIT_UNAVAILABLE instead of the data, as before.
 *
 * A member that falls HUB_MAX_QUEUED results behind is ended with SUBSCRIBER_TOO_SLOW rather than
 * holding memory. The hub ends when its last member leaves (its upstream stream is closed) or when
 * the upstream ends (every member's stream completes; an upstream error reaches every member).
 * Anonymous subscribers, and a gateway without an audit writer, keep one execution each.
 */
import { print, type DocumentNode } from 'graphql';
import { handleMaybePromise } from '@whatwg-node/promise-helpers';
import { isAsyncIterable, mapAsyncIterator, type ExecutionResult } from '@graphql-tools/utils';
import stringify from 'safe-stable-stringify';
// errors are made with yoga's graphql module: under vitest 'graphql' here may be another instance
import { createGraphQLError } from 'graphql-yoga';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { AuditUnavailableError, type AuditWriter } from '../audit/writer.ts';
import { viewerClass, viewerFromClaims, type Viewer } from '../lib/auth/scopes.ts';
import { REVEALED_EXTENSION, type RequestMeta } from '../lib/auth/upstream.ts';
import { ERROR_CODES } from '../lib/error-codes.ts';
import { logger } from '../lib/logger.ts';
import { subscriptionHubMembers, subscriptionHubs } from '../lib/metrics.ts';

/** The subject of a hub's identity (never a person's; the records are written under each member's). */
export const HUB_SUBJECT = 'gateway:subscription-hub';
/** How long a hub takes new members (ms); later subscribers of the same key start a new hub. */
export const HUB_JOIN_MS = 3_600_000;
/** Results a member may fall behind before it is ended (SUBSCRIBER_TOO_SLOW). */
export const HUB_MAX_QUEUED = 10_000;

/** What one subgraph's answers revealed (lib/subgraph-server.ts writes it for calls signed `audit: 'gateway'`). */
export type Revealed = { personIds: readonly string[]; addressCodes: readonly string[] };

type Collected = Map<string, { personIds: Set<string>; addressCodes: Set<string> }>;

/** What each hub's calls revealed since its last result, by the hub context's request object. */
const collecting = new WeakMap<object, Collected>();

/** Whether a gateway context is a hub's: its subgraph calls are signed `audit: 'gateway'` (gateway/auth.ts). */
export function auditedAtGateway(context: unknown): boolean {
  const request = (context as { request?: object } | undefined)?.request;
  return request !== undefined && collecting.has(request);
}

/** Moves a subgraph answer's `extensions.revealed` into `into` and returns the answer without it. */
function takeRevealed(result: ExecutionResult, subgraph: string, into: Collected): ExecutionResult {
  const revealed = result?.extensions?.[REVEALED_EXTENSION] as Revealed | undefined;
  if (!revealed) return result;
  let entry = into.get(subgraph);
  if (!entry) into.set(subgraph, (entry = { personIds: new Set(), addressCodes: new Set() }));
  for (const id of revealed.personIds ?? []) entry.personIds.add(id);
  for (const code of revealed.addressCodes ?? []) entry.addressCodes.add(code);
  const { [REVEALED_EXTENSION]: _taken, ...extensions } = result.extensions!;
  return { ...result, extensions: Object.keys(extensions).length ? extensions : undefined };
}

type SubscribeArgs = { document: DocumentNode; operationName?: string | null; variableValues?: Record<string, unknown> | null; contextValue: unknown } & Record<string, unknown>;
type SubscribeFn = (args: never) => unknown;

/** One subscriber of a hub: its queue of results, read by its own stream (exported for its tests). */
export class Member {
  readonly queue: ExecutionResult[] = [];
  done = false;
  failure: unknown = null;
  wake: (() => void) | null = null;
  readonly viewer: Viewer;
  readonly meta: RequestMeta;
  readonly leave: (m: Member) => void;
  constructor(viewer: Viewer, meta: RequestMeta, leave: (m: Member) => void) {
    this.viewer = viewer;
    this.meta = meta;
    this.leave = leave;
  }

  push(result: ExecutionResult): void {
    if (this.done) return;
    if (this.queue.length >= HUB_MAX_QUEUED) {
      this.queue.length = 0;
      this.queue.push({ errors: [createGraphQLError(`The subscriber fell more than ${HUB_MAX_QUEUED} results behind; the subscription ended`, { extensions: { code: ERROR_CODES.SUBSCRIBER_TOO_SLOW } })] });
      this.finish();
      return;
    }
    this.queue.push(result);
    this.wake?.();
  }

  /** No more results (the queue is still read out); with `failure`, the stream then throws it. */
  finish(failure: unknown = null): void {
    if (this.done) return;
    this.done = true;
    this.failure = failure;
    this.leave(this);
    this.wake?.();
  }

  stream(): AsyncIterableIterator<ExecutionResult> {
    // (no async function: a burst hands each member one result after another, and the promises
    // an async function adds per result were a visible part of the garbage collector's work)
    const next = (): Promise<IteratorResult<ExecutionResult>> => {
      this.wake = null;
      if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift()!, done: false });
      if (this.done) {
        const error = this.failure;
        this.failure = null;
        return error ? Promise.reject(error) : Promise.resolve({ value: undefined, done: true });
      }
      return new Promise<void>((resolve) => (this.wake = resolve)).then(next);
    };
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      next,
      return: async () => {
        this.queue.length = 0;
        this.finish();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}

export type SubscriptionHubOptions = {
  /** Where members' records are written; the hub is off without one. */
  audit: AuditWriter;
  /** The longest token lifetime the gateway accepts (s): a hub's identity outlives every member's token. */
  maxTokenLifetimeSeconds: number;
  /** The client's operation as the audit log records it (gateway/auth.ts requestMeta). */
  requestMeta: (context: never) => RequestMeta;
};

export function useSubscriptionHub(options: SubscriptionHubOptions): GatewayPlugin {
  const hubs = new Map<string, Hub>();
  const printed = new WeakMap<DocumentNode, string>();
  const printOf = (document: DocumentNode) => {
    let text = printed.get(document);
    if (text === undefined) printed.set(document, (text = print(document)));
    return text;
  };

  class Hub {
    readonly members = new Set<Member>();
    readonly joinUntil = Date.now() + HUB_JOIN_MS;
    readonly controller = new AbortController();
    readonly collected: Collected = new Map();
    closed = false;
    upstream: AsyncIterator<ExecutionResult> | null = null;
    readonly started: Promise<ExecutionResult | null>;
    readonly key: string;

    constructor(key: string, args: SubscribeArgs, viewer: Viewer, subscribe: SubscribeFn) {
      this.key = key;
      subscriptionHubs.inc();
      const member = args.contextValue as Record<string, unknown>;
      const iat = Math.floor(Date.now() / 1000);
      const identity = {
        sub: HUB_SUBJECT,
        roles: [...viewer.roles],
        scopes: [...viewer.scopes],
        ...(viewer.communities ? { communities: [...viewer.communities] } : {}),
        iat,
        exp: iat + Math.ceil(HUB_JOIN_MS / 1000) + options.maxTokenLifetimeSeconds + 60,
      };
      // a context of the hub's own: its identity, a request whose signal is the hub's (no member's
      // leaving aborts it), the operation without the member's extensions (purpose goes in the
      // members' records, not in the hub's calls)
      const request = new Request('http://subscription-hub.internal/graphql', { method: 'POST', signal: this.controller.signal });
      const params = member.params as { query?: string; operationName?: string | null; variables?: unknown } | undefined;
      const context = {
        ...member,
        req: undefined,
        res: undefined,
        request,
        params: { query: params?.query, operationName: params?.operationName, variables: params?.variables },
        jwt: { payload: identity },
      };
      collecting.set(request, this.collected);
      this.started = Promise.resolve()
        .then(() => subscribe({ ...args, contextValue: context } as never) as Promise<unknown>)
        .then((result) => {
          if (!isAsyncIterable(result)) {
            // refused (or a single result): every member that joined meanwhile gets it
            this.close();
            return result as ExecutionResult;
          }
          this.upstream = (result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
          if (this.closed) void this.upstream.return?.();
          else void this.pump();
          return null;
        }, (err: unknown) => {
          this.close();
          throw err;
        });
    }

    accepts(): boolean {
      return !this.closed && Date.now() < this.joinUntil;
    }

    join(viewer: Viewer, meta: RequestMeta): Member {
      const member = new Member(viewer, meta, (m) => this.leave(m));
      this.members.add(member);
      subscriptionHubMembers.inc();
      return member;
    }

    leave(member: Member): void {
      if (!this.members.delete(member)) return;
      subscriptionHubMembers.dec();
      if (this.members.size === 0) this.close();
    }

    /** No more members: the upstream stream is closed and later subscribers start a new hub. */
    close(): void {
      if (this.closed) return;
      this.closed = true;
      subscriptionHubs.dec();
      if (hubs.get(this.key) === this) hubs.delete(this.key);
      void Promise.resolve(this.upstream?.return?.()).catch(() => {});
      this.controller.abort();
    }

    async pump(): Promise<void> {
      let failure: unknown = null;
      try {
        for (;;) {
          const next = await this.upstream!.next();
          if (next.done || this.closed) break;
          // what this result's fetches revealed (the hub's next result is asked for only after)
          const revealed = new Map(this.collected);
          this.collected.clear();
          await this.deliver(next.value, revealed);
        }
      } catch (err) {
        failure = err;
      }
      for (const member of [...this.members]) member.finish(failure);
      this.close();
    }

    /** Hands a result to every member, each once its own record of what it reveals is committed. */
    async deliver(result: ExecutionResult, revealed: Collected): Promise<void> {
      const members = [...this.members];
      const entries = [...revealed].filter(([, r]) => r.personIds.size > 0 || r.addressCodes.size > 0);
      if (entries.length === 0) {
        for (const m of members) m.push(result);
        return;
      }
      const audited = await Promise.all(members.map(async (m) => {
        try {
          await Promise.all(entries.map(([subgraph, r]) => options.audit.append({
            subject: m.viewer.subject,
            roles: m.viewer.roles,
            subgraph,
            operationName: m.meta.operationName,
            operationHash: m.meta.operationHash ?? '',
            clientName: m.meta.clientName,
            purpose: m.meta.purpose,
            personIds: [...r.personIds],
            addressCodes: [...r.addressCodes],
            requestId: m.meta.requestId,
          })));
          return null;
        } catch (err) {
          const message = err instanceof AuditUnavailableError ? err.message : 'the audit log could not be written';
          return { errors: [createGraphQLError(message, { extensions: { code: ERROR_CODES.AUDIT_UNAVAILABLE } })] } as ExecutionResult;
        }
      }));
      members.forEach((m, i) => m.push(audited[i] ?? result));
    }
  }

  return {
    // (last among the plugins: every check before it ran for this subscriber)
    onSubscribe({ setSubscribeFn, subscribeFn }) {
      setSubscribeFn(((args: SubscribeArgs) => {
        const payload = (args.contextValue as { jwt?: { payload?: unknown } }).jwt?.payload;
        if (!payload) return subscribeFn(args as never);
        const viewer = viewerFromClaims(payload);
        const key = `${viewerClass(viewer)}\n${args.operationName ?? ''}\n${stringify(args.variableValues ?? null)}\n${printOf(args.document)}`;
        let hub = hubs.get(key);
        if (!hub?.accepts()) {
          hub = new Hub(key, args, viewer, subscribeFn as SubscribeFn);
          hubs.set(key, hub);
        }
        const member = hub.join(viewer, options.requestMeta(args.contextValue as never));
        // the subscriber going away (its connection closed) leaves at once: its stream may be
        // waiting for a next result that only the hub would bring
        const gone = (args.contextValue as { request?: Request }).request?.signal;
        if (gone?.aborted) member.finish();
        else gone?.addEventListener('abort', () => member.finish(), { once: true });
        return hub.started.then((refusal) => {
          if (refusal) {
            member.finish();
            return refusal;
          }
          return member.stream();
        }, (err: unknown) => {
          member.finish();
          logger.debug({ component: 'subscription-hub', err }, 'a shared subscription could not start');
          throw err;
        });
      }) as unknown as typeof subscribeFn);
    },
    onSubgraphExecute({ subgraphName, executionRequest, executor, setExecutor }) {
      const request = (executionRequest.context as { request?: object } | undefined)?.request;
      const into = request ? collecting.get(request) : undefined;
      if (!into) return;
      setExecutor((req) => handleMaybePromise(
        () => executor(req),
        (result) => (isAsyncIterable(result)
          ? mapAsyncIterator(result as AsyncIterable<ExecutionResult>, (item) => takeRevealed(item, subgraphName, into))
          : takeRevealed(result as ExecutionResult, subgraphName, into)),
      ) as never);
    },
  };
}
