import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LintGuard, timeoutMessage, type LintAnswer, type LintGuardHooks, type LintRequest, type LintWorker } from '../../src/playground/lint-guard';
import type { PlaygroundResult } from '../../src/playground/lint-project';
import type { PlaygroundProject } from '../../src/playground/project';

/** A worker that records what it is sent and answers only when the test says so. */
class FakeWorker implements LintWorker {
  onmessage: ((event: { data: LintAnswer }) => void) | null = null;
  readonly received: LintRequest[] = [];
  terminated = false;
  postMessage(message: LintRequest): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(data: LintAnswer): void {
    // A terminated worker never answers.
    if (!this.terminated) this.onmessage?.({ data });
  }
}

const BUDGET = 4000;
const project = (text: string): PlaygroundProject => ({ files: [{ path: 'Dockerfile', text }], settings: '' });
const result = (count: number): PlaygroundResult => ({ findings: new Array(count).fill({}), rejected: [] }) as unknown as PlaygroundResult;

function setUp() {
  const workers: FakeWorker[] = [];
  const events: string[] = [];
  const hooks: LintGuardHooks = {
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    onResult: (answer) => events.push(`result ${answer.findings.length}`),
    onError: (message) => events.push(`error ${message}`),
    onTimeout: (message) => events.push(`timeout ${message}`),
  };
  return { guard: new LintGuard(hooks, BUDGET), workers, events };
}

describe('the playground lint guard', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes an answer within the budget on, and keeps the worker', () => {
    const { guard, workers, events } = setUp();
    guard.run(project('FROM alpine\n'));
    expect(workers).toHaveLength(1);
    expect(workers[0].received).toEqual([{ id: 1, project: project('FROM alpine\n') }]);
    vi.advanceTimersByTime(BUDGET - 1);
    workers[0].answer({ id: 1, result: result(2) });
    vi.advanceTimersByTime(BUDGET);
    expect(events).toEqual(['result 2']);
    expect(workers[0].terminated).toBe(false);
    guard.run(project('FROM debian\n'));
    expect(workers).toHaveLength(1);
    expect(workers[0].received.map((request) => request.id)).toEqual([1, 2]);
  });

  it('terminates a worker that never answers, says the input took too long, and lints the next input in a new worker', () => {
    const { guard, workers, events } = setUp();
    guard.run(project('pathological'));
    vi.advanceTimersByTime(BUDGET - 1);
    expect(events).toEqual([]);
    expect(workers[0].terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(workers[0].terminated).toBe(true);
    expect(events).toEqual(['timeout lint stopped after 4s on this input; edit to try again']);

    guard.run(project('FROM alpine\n'));
    expect(workers).toHaveLength(2);
    expect(workers[1].received).toEqual([{ id: 2, project: project('FROM alpine\n') }]);
    workers[1].answer({ id: 2, result: result(0) });
    expect(events.slice(1)).toEqual(['result 0']);
    vi.advanceTimersByTime(BUDGET * 2);
    expect(events).toHaveLength(2);
    expect(workers[1].terminated).toBe(false);
  });

  it('ignores the answer of an older run and restarts the budget on each run', () => {
    const { guard, workers, events } = setUp();
    guard.run(project('a'));
    vi.advanceTimersByTime(BUDGET - 10);
    guard.run(project('b'));
    workers[0].answer({ id: 1, result: result(5) });
    vi.advanceTimersByTime(BUDGET - 10);
    expect(events).toEqual([]);
    expect(workers[0].terminated).toBe(false);
    workers[0].answer({ id: 2, error: 'boom' });
    expect(events).toEqual(['error boom']);
  });

  it('states the budget in seconds', () => {
    expect(timeoutMessage(2500)).toBe('lint stopped after 2.5s on this input; edit to try again');
  });
});
