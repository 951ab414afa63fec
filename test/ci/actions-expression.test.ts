import { condition, evaluate, interpolate } from './actions-expression';

const ctx = (jobSucceeded = true) => ({
  contexts: {
    github: { event_name: 'pull_request', ref_name: 'main', event: { before: 'abc', pull_request: { base: { sha: 'def' }, head: { repo: { full_name: 'o/r' } } }, repository: { default_branch: 'main' } }, repository: 'o/r', actor: 'dependabot[bot]' },
    steps: { lint: { outcome: 'failure' }, install: { outcome: 'success' } },
    runner: { temp: '/t' },
  },
  jobSucceeded,
});

describe('the Actions expression subset the workflow runner evaluates', () => {
  test('|| and && return operands, as GitHub does; == ignores case; missing paths are empty', () => {
    expect(evaluate('github.event.pull_request.base.sha || github.event.before', ctx())).toBe('def');
    expect(evaluate('github.event.nothing.here || github.event.before', ctx())).toBe('abc');
    expect(evaluate("github.event_name == 'PULL_REQUEST'", ctx())).toBe(true);
    expect(evaluate("github.actor != 'dependabot[bot]'", ctx())).toBe(false);
    expect(evaluate("steps.lint.outcome != 'skipped' && (github.event_name == 'push' || github.event.pull_request.head.repo.full_name == github.repository)", ctx())).toBe(true);
    expect(evaluate("!contains('abc', 'B')", ctx())).toBe(false);
  });

  test('a condition without a status function implies success()', () => {
    expect(condition(undefined, ctx(false))).toBe(false);
    expect(condition("github.event_name == 'pull_request'", ctx(false))).toBe(false);
    expect(condition("always() && steps.install.outcome == 'success'", ctx(false))).toBe(true);
    expect(condition("always() && steps.lint.outcome == 'success'", ctx(false))).toBe(false);
    expect(condition('${{ failure() }}', ctx(false))).toBe(true);
  });

  test('interpolation, and anything outside the subset is an error rather than a guess', () => {
    expect(interpolate('${{ runner.temp }}/netfence', ctx())).toBe('/t/netfence');
    expect(() => evaluate('github.event.labels.*.name', ctx())).toThrow(/unsupported/);
    expect(() => evaluate('fromJSON(x)', ctx())).toThrow(/unknown context x|unsupported function/);
    expect(() => evaluate('secrets.TOKEN', ctx())).toThrow(/unknown context secrets/);
    expect(() => evaluate("'open", ctx())).toThrow(/unterminated/);
  });
});
