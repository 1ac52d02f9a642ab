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
  InternalError: 'InternalError',
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
