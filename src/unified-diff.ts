/**
 * A unified diff (as `diff -u` and `git diff` print it) of one file's text before and after
 * `--fix`, for `--fix-dry-run` / `--diff`. Lines are compared with Myers' algorithm; fixes change a
 * few lines, so its cost (lines x changed lines) stays small on any file litelint reads.
 */

const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The edit script from `a` to `b`, shortest (Myers 1986, the greedy forward search with a trace). */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        v = next;
        trace.push(v);
        break outer;
      }
    }
    v = next;
  }
  // Walk the trace back from (n, m).
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d > 0; d--) {
    const previous = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && previous[offset + k - 1] < previous[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = previous[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', text: a[x], oldLine: x, newLine: y });
    }
    if (down) {
      y--;
      ops.push({ kind: '+', text: b[y], oldLine: x, newLine: y });
    } else {
      x--;
      ops.push({ kind: '-', text: a[x], oldLine: x, newLine: y });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    ops.push({ kind: ' ', text: a[x], oldLine: x, newLine: y });
  }
  return ops.reverse();
}

function range(start: number, count: number): string {
  // A hunk that adds to an empty file, or removes all of it, starts at line 0.
  const first = count === 0 ? start : start + 1;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/** `--- a/PATH`, `+++ b/PATH` and the hunks; '' when the texts are the same. */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const ops = editScript(splitLines(before), splitLines(after));
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  const hunks: [number, number][] = [];
  for (const index of changed) {
    const start = Math.max(0, index - CONTEXT);
    const end = Math.min(ops.length - 1, index + CONTEXT);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1] + 1) last[1] = end;
    else hunks.push([start, end]);
  }
  let out = `--- a/${path}\n+++ b/${path}\n`;
  for (const [start, end] of hunks) {
    const slice = ops.slice(start, end + 1);
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    out += `@@ -${range(slice[0].oldLine, oldCount)} +${range(slice[0].newLine, newCount)} @@\n`;
    for (const op of slice) out += `${op.kind}${op.text}\n`;
  }
  // Which side lacks a final newline is not shown: fixes never add or remove one.
  return out;
}
