/**
 * The package's JS API: `require('iotexplorer-resource-uploader')`.
 * The core is platform-free; this entry binds it to WeChat by default.
 */
import { setDefaultPlatform } from './core';
import { createWechatPlatform } from './platform/wechat';

setDefaultPlatform(createWechatPlatform);

export { uploadResource } from './core';
export { getResourceDownloadUrl } from './core';
export type { DownloadUrlOptions, DownloadUrlResult, DownloadUrlTask } from './core';
export { setAccessTokenProvider } from './core';
export { configure } from './core';
export type { Configuration } from './core';
export type { AccessTokenProvider, AccessTokenReason } from './core';
export { UploadError } from './core';
export type { LocalErrorCode } from './core';
export { isLocalErrorCode, setMessages } from './core';
export type { MessageTable, MessageText } from './core';
export type { UploadPhase, UploadProgress, UploadResourceOptions, UploadResult, UploadTask } from './core';
export type { Platform, PlatformRequest, PlatformResponse, PlatformRequestTask, FileInfo } from './core';
export { TransportError } from './core';
export type { ErrorCode } from './core';
export type { AccessTokenAnswer } from './core';
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
  SelectDetail,
  SuccessDetail,
} from './resource-uploader/types';
export type { ResourceUploaderProperties } from './resource-uploader/props';
