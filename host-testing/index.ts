/**
 * `iotexplorer-resource-uploader/testing` (Node only): what a host needs to test its own pages with
 * jest and miniprogram-simulate, against a local IoT Explorer and COS instead of the cloud.
 * Built into `testing/index.js` by `npm run build` (one bundle loading only Node built-ins).
 */
export { startEmulator } from './emulator';
export { createTestWx } from './test-wx';
export type {
  DiskFile,
  MemoryFile,
  StoredFile,
  TestEmulator,
  TestEmulatorOptions,
  TestFile,
  TestWx,
  TestWxOptions,
  WxCallbacks,
  WxChooserOptions,
  WxFileOptions,
  WxFileSystemManager,
  WxRequestOptions,
  WxRequestTask,
  WxResult,
  WxStatOptions,
} from './types';
