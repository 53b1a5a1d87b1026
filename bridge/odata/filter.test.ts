import { describe, expect, it } from 'vitest';
import { problemOf as problem } from '../../tests/support/problem.ts';
import { compileFilter, rewriteIn } from './filter.ts';
import { entitySets } from './model.ts';
import { openSkipToken, signSkipToken } from './skiptoken.ts';

const events = entitySets().get('Events')!;
const residences = entitySets().get('Residences')!;
const cases = entitySets().get('Cases')!;

const row = (over: Record<string, unknown> = {}) => ({ id: 'E1', kind: 'FIRE_HAZARD', source: 'GRID_PATROL', severity: 'HIGH', status: 'REPORTED', reportedAt: '2026-03-01T02:00:00.000Z', resolvedAt: null, description: '电梯故障', address_code: '4403040010010100001', updatedAt: '2026-03-01T00:00:00.000Z', ...over });

describe('$filter pushdown', () => {
  it('turns AND-ed terms that match a view filter into its variables, and nothing else', () => {
    const f = compileFilter(events, "startswith(address_code,'440304001001') and updatedAt ge 2026-01-01T00:00:00+08:00 and updatedAt lt 2026-02-01T00:00:00Z and kind in ('FIRE_HAZARD','DISPUTE') and status eq 'CLOSED'");
    expect(f.variables).toEqual({ code: '440304001001', updatedSince: '2025-12-31T16:00:00.000Z', updatedBefore: '2026-02-01T00:00:00.000Z', kind: ['FIRE_HAZARD', 'DISPUTE'], status: ['CLOSED'] });
    expect(f.residual).toBeNull();
  });

  it('keeps what it cannot push as a residual: a prefix that is no address code, a second term on one variable, ne', () => {
    const f = compileFilter(events, "reportedAt ne 2026-01-01T00:00:00Z and updatedAt gt 2026-01-01T00:00:00Z and startswith(address_code,'4403040') and kind eq 'DISPUTE' and kind eq 'FIRE_HAZARD'");
    expect(f.variables).toEqual({ kind: ['DISPUTE'], updatedSince: '2026-01-01T00:00:00.000Z' });
    expect(f.residualTerms).toEqual(['reportedAt ne 2026-01-01T00:00:00Z', 'updatedAt gt 2026-01-01T00:00:00Z', "startswith(address_code,'4403040')", "kind eq 'FIRE_HAZARD'"]);
    expect(f.residual!(row({ kind: 'DISPUTE' }))).toBe(false);
    expect(f.residual!(row({ updatedAt: '2026-01-02T00:00:00Z' }))).toBe(true);
  });

  it('pushes gt and le as a superset (ge, lt the next instant or day) and still evaluates them; an exact term wins', () => {
    const f = compileFilter(events, 'updatedAt gt 2026-01-01T00:00:00Z and updatedAt le 2026-02-01T00:00:00.5Z');
    expect(f.variables).toEqual({ updatedSince: '2026-01-01T00:00:00.000Z', updatedBefore: '2026-02-01T00:00:00.501Z' });
    expect(f.residualTerms).toEqual(['updatedAt gt 2026-01-01T00:00:00Z', 'updatedAt le 2026-02-01T00:00:00.5Z']);
    expect(f.residual!(row({ updatedAt: '2026-01-01T00:00:00.000Z' }))).toBe(false);
    expect(f.residual!(row({ updatedAt: '2026-02-01T00:00:00.500Z' }))).toBe(true);
    expect(compileFilter(cases, 'filedOn le 2026-02-28').variables).toEqual({ to: '2026-03-01' });
    const both = compileFilter(events, 'updatedAt gt 2026-01-01T00:00:00Z and updatedAt ge 2026-01-05T00:00:00Z');
    expect(both.variables).toEqual({ updatedSince: '2026-01-05T00:00:00.000Z' });
    expect(both.residualTerms).toEqual(['updatedAt gt 2026-01-01T00:00:00Z']);
  });

  it('pushes booleans and dates to the argument of their column', () => {
    expect(compileFilter(residences, 'current eq true').variables).toEqual({ current: true });
    expect(compileFilter(cases, 'filedOn ge 2026-01-01 and filedOn lt 2026-02-01').variables).toEqual({ from: '2026-01-01', to: '2026-02-01' });
  });

  it('never pushes a term under an or or a not', () => {
    const f = compileFilter(events, "kind eq 'DISPUTE' or severity eq 'HIGH'");
    expect(f.variables).toEqual({});
    expect(compileFilter(events, "not (kind eq 'DISPUTE')").variables).toEqual({});
  });
});

describe('$filter evaluated on rows', () => {
  it('binds not tighter than and and or', () => {
    const f = compileFilter(events, "not contains(description,'电梯') and severity eq 'HIGH' or id eq 'E1'")!;
    expect(f.residual!(row({ id: 'E2', description: '噪音' }))).toBe(true);
    expect(f.residual!(row({ id: 'E2' }))).toBe(false);
    expect(f.residual!(row({ id: 'E1' }))).toBe(true);
    expect(compileFilter(events, "not (severity eq 'HIGH' and id eq 'E1')").residual!(row({ id: 'E2' }))).toBe(true);
  });

  it('compares null, instants across offsets and strings with quotes', () => {
    const f = compileFilter(events, "resolvedAt eq null and reportedAt eq 2026-03-01T10:00:00+08:00 and description ne 'it''s'");
    expect(f.residual!(row())).toBe(true);
    expect(f.residual!(row({ resolvedAt: '2026-03-02T00:00:00Z' }))).toBe(false);
    expect(compileFilter(events, 'resolvedAt gt 2026-01-01T00:00:00Z').residual!(row())).toBe(false);
  });

  it('compares instants to the microsecond, as the graph stores them', () => {
    const f = compileFilter(events, 'updatedAt gt 2026-03-01T00:00:00.123Z');
    expect(f.residual!(row({ updatedAt: '2026-03-01T00:00:00.123456Z' }))).toBe(true);
    expect(f.residual!(row({ updatedAt: '2026-03-01T08:00:00.123+08:00' }))).toBe(false);
  });

  it('refuses unknown properties (400), wrong types (400) and what it does not evaluate (501)', () => {
    expect(problem(() => compileFilter(events, 'nosuch eq 1'))).toMatchObject({ status: 400, parameter: '$filter' });
    expect(problem(() => compileFilter(events, "reportedAt gt 'yesterday'"))).toMatchObject({ status: 400 });
    expect(problem(() => compileFilter(events, "kind eq 'NOT_A_KIND'"))).toMatchObject({ status: 400 });
    expect(problem(() => compileFilter(events, "indexof(description,'x') eq 1"))).toMatchObject({ status: 501, code: 'NOT_IMPLEMENTED' });
    expect(problem(() => compileFilter(events, 'length(description) mul 2 gt 1'))).toMatchObject({ status: 501 });
    expect(problem(() => compileFilter(events, 'kind eq'))).toMatchObject({ status: 400 });
  });
});

describe('in', () => {
  it('is rewritten as an or of eq, leaving string literals alone', () => {
    expect(rewriteIn("kind in ('A','B') and description eq 'x in (y)'")).toBe("(kind eq 'A' or kind eq 'B') and description eq 'x in (y)'");
    expect(rewriteIn("name in ('it''s', 'b')")).toBe("(name eq 'it''s' or name eq 'b')");
  });
});

describe('$skiptoken', () => {
  it('opens only with the binding it was signed with, unaltered', () => {
    const token = signSkipToken({ after: 'abc', drop: 2, skip: 0, left: null }, 'Events|a');
    expect(openSkipToken(token, 'Events|a')).toEqual({ after: 'abc', drop: 2, skip: 0, left: null });
    expect(problem(() => openSkipToken(token, 'Events|b'))).toMatchObject({ status: 400, code: 'INVALID_CURSOR', parameter: '$skiptoken' });
    expect(problem(() => openSkipToken(`x${token}`, 'Events|a'))).toMatchObject({ status: 400 });
  });
});
