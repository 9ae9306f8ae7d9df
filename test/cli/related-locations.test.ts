import { describe, expect, it } from 'vitest';
import { jsonFindings, runCli, tempProject } from '../helpers';

const COMPOSE = [
  'services:',
  '  web:',
  '    image: shop:1',
  '    environment:',
  '      DATABASE_URL: sqlite:////data/app.db',
  '    volumes:',
  '      - "appdata:/data"',
  '    deploy: {update_config: {order: start-first}}',
  'volumes: {appdata: {}}',
  '',
].join('\n');

describe('related locations', () => {
  it('are in the JSON report and named in stylish output', () => {
    const cwd = tempProject({ 'compose.yaml': COMPOSE });
    const json = jsonFindings(runCli(['-f', 'json', '.'], { cwd })).filter((finding) => finding.rule === 'shared-volume-overlap');
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ severity: 'error', line: 8, column: 37 });
    expect(json[0].related).toEqual([
      { file: 'compose.yaml', line: 7, column: 9, message: "service 'web' mounts volume 'appdata' here" },
      { file: 'compose.yaml', line: 5, column: 21, message: 'SQLite data in the volume: service web sets DATABASE_URL to a SQLite database' },
    ]);
    const stylish = runCli(['.'], { cwd });
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toContain('compose.yaml:7');
  });
});
