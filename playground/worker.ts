/**
 * The playground's Web Worker: lints off the main thread so typing never waits for a run. The page
 * terminates and restarts this worker when a run outlives its time budget (a pathological input).
 */
import { lintProject } from '../src/playground/lint-project';
import type { PlaygroundProject } from '../src/playground/project';

interface Request {
  id: number;
  project: PlaygroundProject;
}

const scope = self as unknown as { onmessage: ((event: MessageEvent<Request>) => void) | null; postMessage: (message: unknown) => void };

scope.onmessage = (event) => {
  const { id, project } = event.data;
  try {
    scope.postMessage({ id, result: lintProject(project) });
  } catch (error) {
    scope.postMessage({ id, error: String((error as Error).message ?? error) });
  }
};
