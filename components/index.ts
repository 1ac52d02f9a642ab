/**
 * The package's JS API: `require('iotexplorer-resource-uploader')`.
 * The core is platform-free; this entry binds it to WeChat by default.
 */
import { setDefaultPlatform } from './core/upload-resource';
import { createWechatPlatform } from './platform/wechat';

setDefaultPlatform(createWechatPlatform);

export { uploadResource } from './core/upload-resource';
export { setAccessTokenProvider } from './core/access-token';
export { configure } from './core/configure';
export type { Configuration } from './core/configure';
export type { AccessTokenProvider, AccessTokenReason } from './core/access-token';
export { UploadError } from './core/errors';
export type { LocalErrorCode } from './core/errors';
export type { UploadPhase, UploadProgress, UploadResourceOptions, UploadResult, UploadTask } from './core/options';
export type { Platform, PlatformRequest, PlatformResponse, PlatformRequestTask, FileInfo } from './core/platform';
export { TransportError } from './core/platform';
export type { ErrorCode } from './core/types';
export type { AccessTokenAnswer } from './core/access-token';
export { appDevSdkTokenProvider } from './app-dev-sdk';
export type { AppDevSdkLike } from './app-dev-sdk';
export { hostFileIndex, selectUploader } from './resource-uploader/select';
export type { ComponentSelector } from './resource-uploader/select';
// The component's types, so a host imports everything from the package name.
export type {
  Accept,
  BeforeUploadDetail,
  ChosenFile,
  CompleteDetail,
  ComponentErrorCode,
  ErrorDetail,
  FailDetail,
  HostFile,
  Locale,
  ProgressDetail,
  RejectDetail,
  RejectReason,
  RemoveDetail,
  ResourceUploaderInstance,
  ResourceUploaderProperties,
  SelectDetail,
  SuccessDetail,
} from './resource-uploader/types';
