/**
 * The core's one face: the package entry, the component, the platforms (Node, browser), the bench
 * and the tests import from here, never from a file inside. Folders, from the ground up:
 *   platform.ts, abort.ts, listeners.ts, time.ts, app-state.ts  the door to the outside, stopping,
 *             listener lists and run-once releases, timers, app-wide slots
 *   i18n/     locales, the core's messages, texts a host adds (`setMessages`)
 *   errors/   codes (the keys of our own words), UploadError and its wording, transient failures, the retry policy
 *   limits/   configure(), request slots and the memory budget shared by the whole app
 *   request/  one exchange: send, token API, access token, secrets, the URL parser
 *   upload/   one file, start to finish (`uploadResource`); a stored file's URL (`getResourceDownloadUrl`)
 *   queue/    many files over time, and the app's life cycle
 * The build ships only what the entry and the component import from here.
 */
export * from './platform';
export * from './abort';
export * from './listeners';
export * from './time';
export * from './app-state';

export * from './i18n/locale';
export * from './i18n/format';
export * from './i18n/messages';

export * from './errors/codes';
export * from './errors/upload-error';
export * from './errors/transient-codes';
export * from './errors/retry-policy';

export * from './limits/fair-line';
export * from './limits/request-slots';
export * from './limits/memory-budget';
export * from './limits/configure';

export * from './request/url';
export * from './request/redact';
export * from './request/surface';
export * from './request/request-id';
export * from './request/transport-failure';
export * from './request/context';
export * from './request/access-token';
export * from './request/token-api';

export * from './upload/options';
export * from './upload/option-check';
export * from './upload/validate';
export * from './upload/mime';
export * from './upload/base64';
export * from './upload/slow-upload';
export * from './upload/resource-names';
export * from './upload/file-pass';
export * from './upload/storage';
export * from './upload/register-deliver';
export * from './upload/upload-resource';
export * from './upload/download-url';

export * from './queue/restrictions';
export * from './queue/lifecycle';
export * from './queue/lifecycle-gate';
export * from './queue/upload-waits';
export * from './queue/upload-queue';
