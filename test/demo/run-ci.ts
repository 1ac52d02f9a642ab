/**
 * Runs WeChat's miniprogram-ci (`ci-child.ts`: Build npm, code quality, code analysis) on a fresh
 * copy of the demo, in a child process, and keeps the copy until `remove()` so callers can look at
 * the files the analysis names. Shared by the demo spec and `npm run bench` (package weight).
 */
import { execFileSync } from 'child_process';
import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { CiResult } from './ci-child';
import { copyProject, makeHost, ROOT, tempDir } from './host';

export interface DemoCiRun {
  result: CiResult;
  /** The project copy miniprogram-ci worked on (project.config.json + miniprogram/). */
  projectDir: string;
  /** Its `miniprogram/` folder: the root of every `files[].path` in the result. */
  miniprogramDir: string;
  /** Deletes the copy, the host folder and the throwaway key. */
  remove(): void;
}

export function runDemoCi(timeoutMs = 120000): DemoCiRun {
  const tmp = tempDir('ru-demo-');
  try {
    fs.mkdirSync(path.join(tmp, 'project'));
    fs.mkdirSync(path.join(tmp, 'host'));
    const projectDir = copyProject(path.join(tmp, 'project'));
    const host = makeHost(path.join(tmp, 'host'));
    // miniprogram-ci wants a key file even offline; a throwaway one, never committed.
    const keyPath = path.join(tmp, 'private.key');
    fs.writeFileSync(keyPath, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }));
    // A child of its own: the code analyser leaves a file watcher open (see ci-child.ts).
    const out = execFileSync(process.execPath, ['-r', 'esbuild-register', path.join(__dirname, 'ci-child.ts'), projectDir, host, keyPath], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = out.split('\n').find((l) => l.startsWith('CI-RESULT '));
    if (!line) throw new Error('miniprogram-ci gave no result:\n' + out.slice(-2000));
    return {
      result: JSON.parse(line.slice('CI-RESULT '.length)) as CiResult,
      projectDir,
      miniprogramDir: path.join(projectDir, 'miniprogram'),
      remove: () => fs.rmSync(tmp, { recursive: true, force: true }),
    };
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
