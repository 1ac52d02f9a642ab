/**
 * Runs WeChat's miniprogram-ci on a demo project in a process of its own: its code analyser
 * leaves a file watcher open, so the parent bounds it with a timeout and this exits explicitly.
 *
 *   node -r esbuild-register test/demo/ci-child.ts <projectDir> <hostPackageJson> <privateKeyPath>
 *     → one line `CI-RESULT {"pack": …, "quality": […], "files": […]}` on stdout
 *   node -r esbuild-register test/demo/ci-child.ts --work-tree
 *     → builds npm into the work tree's miniprogram/miniprogram_npm, for opening the demo in DevTools
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ci from 'miniprogram-ci';
import { makeHost, ROOT, tempDir } from './host';

export interface CiResult {
  pack: { miniProgramPackNum: number; otherNpmPackNum: number; warnList: unknown[] };
  quality: Array<{ name: string; success: boolean; text: string; detail?: unknown }>;
  files: Array<{ path: string; moduleId: string | null }>;
  modules: Array<{ id: string; parentDeps: Array<{ originModuleId: string | null }> }>;
}

async function buildNpm(projectDir: string, hostPackageJson: string): Promise<CiResult['pack']> {
  const out = path.join(projectDir, 'miniprogram');
  fs.rmSync(path.join(out, 'miniprogram_npm'), { recursive: true, force: true });
  return (await ci.packNpmManually({ packageJsonPath: hostPackageJson, miniprogramNpmDistDir: out })) as CiResult['pack'];
}

async function main(): Promise<void> {
  const [projectDir, hostPackageJson, privateKeyPath] = process.argv.slice(2);
  if (projectDir === '--work-tree') {
    const dir = tempDir('ru-host-');
    try {
      console.log(JSON.stringify(await buildNpm(ROOT, makeHost(dir))));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const pack = await buildNpm(projectDir, hostPackageJson);
  const project = new ci.Project({ appid: 'wx0000000000000000', type: 'miniProgram', projectPath: projectDir, privateKeyPath, ignores: ['node_modules/**/*'] });
  const quality = (await ci.checkCodeQuality(project)) as CiResult['quality'];
  const analysis = (await ci.analyseCode(project, { silent: true })) as unknown as {
    files: CiResult['files'];
    modules: CiResult['modules'];
  };
  const result: CiResult = {
    pack,
    quality: quality.map((q) => ({ name: q.name, success: q.success, text: q.text, detail: q.detail })),
    files: analysis.files.map((f) => ({ path: f.path, moduleId: f.moduleId })),
    modules: analysis.modules.map((m) => ({ id: m.id, parentDeps: (m.parentDeps || []).map((d) => ({ originModuleId: d.originModuleId })) })),
  };
  process.stdout.write('CI-RESULT ' + JSON.stringify(result) + '\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
