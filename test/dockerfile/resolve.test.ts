import { describe, expect, it } from 'vitest';
import type { DockerfileModel } from '../../src/dockerfile/model';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { finalStage, platformArgs, resolveGlobalArgs, resolveStages, stageChain } from '../../src/dockerfile/resolve';
import { SourceFile } from '../../src/source';

function parse(text: string): DockerfileModel {
  return parseDockerfile(new SourceFile('Dockerfile', text, 'dockerfile'));
}

describe('resolveStages', () => {
  it('expands global ARG defaults transitively', () => {
    const model = parse('ARG REG=docker.io\nARG IMG=${REG}/library/alpine\nFROM $IMG\n');
    expect(resolveStages(model)).toEqual([{ baseImage: 'docker.io/library/alpine' }]);
    expect(model.stages[0].baseImageResolved).toBe('docker.io/library/alpine');
  });

  it('applies build args only to declared global ARGs', () => {
    const model = parse('ARG TAG=3.19\nFROM alpine:${TAG}${SUFFIX}\n');
    expect(resolveStages(model, { TAG: 'edge', SUFFIX: '-x' })[0].baseImage).toBe('alpine:edge');
  });

  it('lets a build arg fill a value-less ARG and keeps earlier values for value-less redeclarations', () => {
    expect(resolveStages(parse('ARG BASE\nFROM ${BASE}\n'), { BASE: 'debian' })[0].baseImage).toBe('debian');
    expect(resolveStages(parse('ARG V=1\nARG V\nFROM busybox:$V\n'))[0].baseImage).toBe('busybox:1');
  });

  it('supports BuildKit modifiers in FROM', () => {
    const model = parse('ARG BASE\nARG TAG=1\nFROM ${BASE:-debian}:${TAG:+edge}\n');
    expect(resolveStages(model)[0].baseImage).toBe('debian:edge');
  });

  it('reports blank and failing bases as unresolved', () => {
    expect(resolveStages(parse('ARG BASE\nFROM ${BASE}\n'))[0]).toEqual({
      baseImage: undefined,
      unresolved: 'base name (${BASE}) should not be blank',
    });
    expect(resolveStages(parse('FROM ${X:?required}\n'))[0]).toEqual({ baseImage: undefined, unresolved: 'X: required' });
  });

  it('does not see ARGs declared inside a stage', () => {
    const model = parse('FROM alpine\nARG BASE=debian\nFROM ${BASE}\n');
    expect(resolveStages(model)[1].unresolved).toBe('base name (${BASE}) should not be blank');
  });

  it('knows the predefined platform ARGs', () => {
    const model = parse('FROM --platform=$BUILDPLATFORM golang AS build\nFROM alpine:${TARGETARCH}${TARGETVARIANT}\n');
    expect(resolveStages(model).map((s) => [s.baseImage, s.platform])).toEqual([
      ['golang', 'linux/amd64'],
      ['alpine:amd64', undefined],
    ]);
    expect(resolveStages(model, {}, 'linux/arm/v7')[1].baseImage).toBe('alpine:armv7');
    expect(platformArgs({ build: 'linux/arm64' }).BUILDARCH).toBe('arm64');
  });

  it('links FROM <earlier stage> by exact lower-cased name', () => {
    const model = parse('FROM alpine AS Base\nFROM base AS mid\nFROM Base\nFROM mid\n');
    expect(resolveStages(model).map((s) => s.baseStage)).toEqual([undefined, 0, undefined, 1]);
  });

  it('uses build args to link stages', () => {
    const model = parse('ARG FROM_STAGE=alpine\nFROM alpine AS deps\nFROM ${FROM_STAGE}\n');
    expect(resolveStages(model, { FROM_STAGE: 'deps' })[1].baseStage).toBe(0);
    expect(stageChain(model, 1, resolveStages(model, { FROM_STAGE: 'deps' })).map((s) => s.index)).toEqual([1, 0]);
  });

  it('exposes the global ARG environment', () => {
    const { env, problems } = resolveGlobalArgs(parse('ARG A=1\nARG B=${A}2\nFROM alpine\n'));
    expect(env.get('B')).toBe('12');
    expect(env.get('TARGETPLATFORM')).toBe('linux/amd64');
    expect(problems).toEqual([]);
  });
});

describe('finalStage and stageChain', () => {
  const model = parse('FROM alpine AS base\nFROM base AS build\nFROM build AS Release\nFROM alpine AS other\n');

  it('picks the last stage or the --target stage case-insensitively', () => {
    expect(finalStage(model)?.name).toBe('other');
    expect(finalStage(model, 'RELEASE')?.index).toBe(2);
    expect(finalStage(model, 'missing')).toBeUndefined();
  });

  it('follows FROM links transitively', () => {
    expect(stageChain(model, 2).map((s) => s.name)).toEqual(['release', 'build', 'base']);
    expect(stageChain(model, 3).map((s) => s.name)).toEqual(['other']);
  });
});
