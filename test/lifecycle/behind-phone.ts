/**
 * FakePlatform's scripted cloud reached through a simulated phone: requests obey WeChat's
 * background and network rules, files and timers are the cloud's and Node's own.
 */
import type { Platform } from '../../components/core';
import type { SimulatedPhone } from '../../node-platform/phone';
import type { FakePlatform } from '../support/fake-platform';

export function platformBehindPhone(cloud: FakePlatform, phone: SimulatedPhone): Platform {
  return {
    request: phone.gate((r) => cloud.request(r)),
    readFile: (p) => cloud.readFile(p),
    fileInfo: (p) => cloud.fileInfo(p),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    lifecycle: phone.lifecycle,
  };
}
