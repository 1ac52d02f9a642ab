/** Errors the token API answers with, in the codes the real service uses (platform-facts §1). */

export const ApiErrorCode = {
  RequiredParamNotFound: 'ErrorRequiredParamNotFound',
  InvalidParameterValue: 'InvalidParameterValue',
  InvalidJson: 'InvalidParameterValue.InvalidJSON',
  InvalidAccessToken: 'InvalidParameterValue.InvalidAccessToken',
  NoProductPermission: 'UnauthorizedOperation.APPNoPermissionToStudioProduct',
  InvalidAction: 'InvalidAction',
  // Inference: the code the Tencent Cloud IoT Explorer API 3.0 uses for an unknown device.
  DeviceNotExist: 'ResourceNotFound.DeviceNotExist',
  // Inference: the API page lists only InvalidParameterValue for bad input, so a missing stored file
  // is a sub-code of it (a client matching the documented prefix still sees a parameter error).
  ResourceNotExist: 'InvalidParameterValue.ResourceNotExist',
  InternalError: 'InternalError',
  // The emulator's own: a browser request from another page (origin-guard.ts). The real service
  // has no such check; the emulator has it because it runs on the developer's loopback.
  CrossSiteRequest: 'UnauthorizedOperation.CrossSiteRequest',
} as const;

/** Thrown by action handlers; the HTTP layer turns it into the configured error envelope. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
