/** Pieces of projects that the tables of the SQLite rules share. */
import { exampleFiles } from './rule-docs';
import type { ProjectCase } from './rule-tester';

/** The good examples of the three SQLite rules, as they are and with `--strict`: each of these rules is quiet on all three. */
export function sqliteGoodExamples(): ProjectCase[] {
  return ['bundled-sqlite/good', 'distro-sqlite/good', 'sqlite-version-assert/good'].flatMap((folder) => [
    { name: `examples/${folder}`, files: exampleFiles(folder) },
    { name: `examples/${folder}, strict`, files: exampleFiles(folder), settings: { strict: true } },
  ]);
}

/** A Go build stage with cgo on, whose binary `/out/app` a final stage copies. */
export const GO_BUILD_STAGE = [
  'FROM golang:1.27 AS build',
  'WORKDIR /src',
  'COPY go.mod go.sum ./',
  'RUN go mod download',
  'COPY . .',
  'RUN CGO_ENABLED=1 go build -o /out/app ./cmd/app',
  '',
];
