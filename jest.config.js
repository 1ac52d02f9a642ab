/** One runner for everything: core units, emulator and HTTP integration, component specs. */
module.exports = {
  testEnvironment: 'node',
  testEnvironmentOptions: { url: 'http://127.0.0.1/' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', transpilation: true }],
  },
  testTimeout: 30000,
};
