/**
 * The one account action the official mini-program SDK (`qcloud-iotexplorer-appdev-sdk`) calls when
 * it logs in: `AppGetUser`, which proves the access token and names its user. Not a resource
 * action (those are faults.ts's TOKEN_ACTIONS); answered so the SDK can log in to the emulator.
 */
import { ApiData } from './envelope';

export const USER_ACTIONS = ['AppGetUser'] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

export function isUserAction(s: unknown): s is UserAction {
  return typeof s === 'string' && (USER_ACTIONS as readonly string[]).includes(s);
}

/** `AppGetUser`'s `Data`: the user behind the token. */
export function userAnswer(uid: string): ApiData {
  return { Data: { UserID: uid, NickName: `emulator-user-${uid.slice(-4)}`, Avatar: '', Email: '', PhoneNumber: '', CountryCode: '' } };
}
