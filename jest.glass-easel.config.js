/**
 * `npm run test:glass-easel`: the component specs again, the component mounted on glass-easel
 * (WeChat's own component framework, `"componentFramework": "glass-easel"`) instead of
 * miniprogram-simulate. The harness (test/support/mount-uploader.ts) picks the framework.
 */
const base = require('./jest.config');

/** Component specs that do not run here, each with its reason. The rest of test/component runs. */
const NOT_ON_GLASS_EASEL = {
  'host-types.test.ts': 'type-checks a host project with tsc; mounts nothing, so no framework is involved',
  'readme.test.ts': 'runs the README’s own host test, which a host writes for miniprogram-simulate (the README says so)',
  'template.test.ts': 'reads index.wxml / index.wxss / index.json as text; mounts nothing',
};

module.exports = {
  ...base,
  displayName: 'glass-easel',
  roots: ['<rootDir>/test/component'],
  setupFiles: ['<rootDir>/test/support/use-glass-easel.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...Object.keys(NOT_ON_GLASS_EASEL).map((f) => `/test/component/${f.replace(/\./g, '\\.')}$`)],
};
