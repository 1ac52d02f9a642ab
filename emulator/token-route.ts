/** HTTP side of the token API: body parsing, public parameters, faults, envelopes. */
import { IncomingMessage, ServerResponse } from 'http';
import { ApiError, ApiErrorCode } from './api-error';
import { ApiCall } from './calls';
import { RouteContext } from './context';
import { ApiData, errorBody, successBody } from './envelope';
import { ActiveFault, isTokenAction } from './faults';
import { BodyTooLargeError, closeAfterAnswer, readBody, sendJson, sendText, waitUnlessGone } from './http-util';
import { uuid } from './ids';
import { Refusal } from './origin-guard';
import { ACTIONS, Params } from './token-api';
import { isUserAction, userAnswer } from './user-api';

const MAX_BODY_BYTES = 1024 * 1024;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Exchange {
  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly ctx: RouteContext,
    readonly call: ApiCall,
    readonly requestId: string,
  ) {}

  succeed(data: ApiData): void {
    this.send(200, successBody(this.ctx.state.settings.envelope, this.requestId, data));
  }

  fail(code: string, message: string, status = this.ctx.state.settings.apiErrorStatus): void {
    this.call.errorCode = code;
    this.send(status, errorBody(this.ctx.state.settings.envelope, this.requestId, code, message));
  }

  /** The `malformedJson` fault: a 200 whose body breaks off mid-JSON, like a truncated proxy answer. */
  sendGarbage(): void {
    this.finish(200);
    sendText(
      this.res,
      200,
      'application/json; charset=utf-8',
      `{"code":0,"msg":"","data":{"RequestId":${JSON.stringify(this.requestId)},`,
    );
  }

  drop(): void {
    this.finish(0);
    this.req.socket.destroy();
  }

  finish(status: number): void {
    this.call.status = status;
    const suffix = this.call.errorCode ? ` ${this.call.errorCode}` : '';
    // Only known action names reach the log: the rest is client text.
    const action =
      this.call.action === null
        ? '(no action)'
        : isTokenAction(this.call.action) || isUserAction(this.call.action)
          ? this.call.action
          : '(unknown action)';
    this.ctx.log(`${action} -> ${status || 'dropped'}${suffix}`);
  }

  private send(status: number, body: object): void {
    this.finish(status);
    sendJson(this.res, status, body);
  }
}

/** Applies a fault; true when the request is already answered (or dropped). */
async function applyFault(ex: Exchange, fault: ActiveFault, req: IncomingMessage): Promise<boolean> {
  switch (fault.kind) {
    case 'drop':
      ex.drop();
      return true;
    case 'delay':
      if (await waitUnlessGone(req, fault.delayMs)) return false;
      ex.finish(0);
      return true;
    case 'http5xx':
      ex.fail(ApiErrorCode.InternalError, 'Internal error.', fault.status);
      return true;
    case 'malformedJson':
      ex.sendGarbage();
      return true;
    case 'invalidToken':
      ex.fail(ApiErrorCode.InvalidAccessToken, 'The access token is invalid or has expired.');
      return true;
    case 'apiError':
      ex.fail(fault.code, fault.message, fault.status);
      return true;
    case 'expiredUrl':
      return false; // handled by the action, which issues an already-expired URL
    case 'slowPut':
      return false; // refused at injection: the bucket only
  }
}

/**
 * A request the origin guard refused (another page's browser request): answered in the API's own
 * error shape, before its body is read, so it changes nothing and consumes no fault.
 */
export function refuseTokenApi(req: IncomingMessage, res: ServerResponse, ctx: RouteContext, refusal: Refusal): void {
  const call = ctx.calls.addApi({ at: ctx.state.now(), action: null, requestId: null, params: {} });
  const ex = new Exchange(req, res, ctx, call, uuid());
  closeAfterAnswer(req, res);
  ex.fail(ApiErrorCode.CrossSiteRequest, `Refused: ${refusal.error}.`, refusal.status);
}

export async function handleTokenApi(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
  const newCall = (action: string | null, requestId: string | null, params: Params) =>
    ctx.calls.addApi({ at: ctx.state.now(), action, requestId, params });

  if (req.method !== 'POST') {
    const ex = new Exchange(req, res, ctx, newCall(null, null, {}), uuid());
    ex.fail(ApiErrorCode.InvalidParameterValue, 'The token API only accepts POST with a JSON body.', 405);
    return;
  }
  let body: unknown;
  try {
    const raw = await readBody(req, MAX_BODY_BYTES);
    body = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    if (req.socket.destroyed) return;
    const ex = new Exchange(req, res, ctx, newCall(null, null, {}), uuid());
    if (err instanceof BodyTooLargeError) {
      closeAfterAnswer(req, res);
      ex.fail(ApiErrorCode.InvalidParameterValue, 'The request body is too large.', 413);
    }
    else ex.fail(ApiErrorCode.InvalidJson, 'The request body is not valid JSON.');
    return;
  }
  if (!isPlainObject(body)) {
    const ex = new Exchange(req, res, ctx, newCall(null, null, {}), uuid());
    ex.fail(ApiErrorCode.InvalidJson, 'The request body must be a JSON object.');
    return;
  }

  const { AccessToken, RequestId, Action, ...params } = body;
  const requestId = typeof RequestId === 'string' && RequestId !== '' ? RequestId : null;
  const action = typeof Action === 'string' ? Action : null;
  const ex = new Exchange(req, res, ctx, newCall(action, requestId, params), requestId ?? uuid());

  const fault = isTokenAction(action) ? ctx.faults.take(action) : undefined;
  if (fault) {
    ex.call.fault = fault.kind;
    if (await applyFault(ex, fault, req)) return;
  }

  for (const [name, value] of [
    ['AccessToken', AccessToken],
    ['RequestId', requestId],
    ['Action', action],
  ] as const) {
    if (value === undefined || value === null || value === '') {
      ex.fail(ApiErrorCode.RequiredParamNotFound, `The required parameter ${name} is missing.`);
      return;
    }
  }
  if (!isTokenAction(action) && !isUserAction(action)) {
    ex.fail(ApiErrorCode.InvalidAction, `The action ${String(action)} does not exist.`);
    return;
  }
  const uid = typeof AccessToken === 'string' ? ctx.state.tokens.get(AccessToken) : undefined;
  if (uid === undefined) {
    ex.fail(ApiErrorCode.InvalidAccessToken, 'The access token is invalid or has expired.');
    return;
  }
  if (isUserAction(action)) return ex.succeed(userAnswer(uid));
  try {
    const data = ACTIONS[action](params, {
      state: ctx.state,
      store: ctx.store,
      presigner: ctx.presigner,
      uid,
      requestId: ex.requestId,
      issueExpired: fault?.kind === 'expiredUrl',
    });
    ex.succeed(data);
  } catch (err) {
    if (err instanceof ApiError) ex.fail(err.code, err.message);
    else ex.fail(ApiErrorCode.InternalError, 'Internal error.', 500);
  }
}
