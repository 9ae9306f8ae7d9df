/**
 * The playground's time budget for a lint run, apart from the page so it can be tested with a fake
 * Worker and fake timers: a run that outlives the budget is a pathological input, so its worker is
 * terminated (a stuck worker cannot be interrupted otherwise) and the next run starts a fresh one.
 */
import type { PlaygroundProject } from './project';
import type { PlaygroundResult } from './lint-project';

/** What the page posts to the worker and what the worker answers (playground/worker.ts). */
export interface LintRequest {
  id: number;
  project: PlaygroundProject;
}

export interface LintAnswer {
  id: number;
  result?: PlaygroundResult;
  error?: string;
}

/** The part of a DOM `Worker` the guard uses. */
export interface LintWorker {
  onmessage: ((event: { data: LintAnswer }) => void) | null;
  postMessage(message: LintRequest): void;
  terminate(): void;
}

export interface LintGuardHooks {
  createWorker(): LintWorker;
  onResult(result: PlaygroundResult): void;
  onError(message: string): void;
  /** The run was stopped: `message` says so, for the page's status line. */
  onTimeout(message: string): void;
}

/** The status line after a stopped run. */
export function timeoutMessage(budgetMs: number): string {
  return `lint stopped after ${budgetMs / 1000}s on this input; edit to try again`;
}

/** Runs one lint at a time in a worker, and replaces the worker when a run outlives `budgetMs`. */
export class LintGuard {
  private worker: LintWorker | undefined;
  private runId = 0;
  private budget: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly hooks: LintGuardHooks,
    private readonly budgetMs: number,
  ) {}

  run(project: PlaygroundProject): void {
    this.worker ??= this.start();
    this.runId += 1;
    this.worker.postMessage({ id: this.runId, project });
    clearTimeout(this.budget);
    this.budget = setTimeout(() => {
      // The run is stuck on this input: a fresh worker takes the next edit.
      this.worker?.terminate();
      this.worker = undefined;
      this.hooks.onTimeout(timeoutMessage(this.budgetMs));
    }, this.budgetMs);
  }

  private start(): LintWorker {
    const started = this.hooks.createWorker();
    started.onmessage = (event) => {
      if (event.data.id !== this.runId) return; // an older run's answer
      clearTimeout(this.budget);
      if (event.data.result) this.hooks.onResult(event.data.result);
      else this.hooks.onError(String(event.data.error));
    };
    return started;
  }
}
