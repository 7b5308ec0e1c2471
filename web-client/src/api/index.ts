/** The node's JSON API: typed client, error type and answer shapes. Not a feature: features use it. */
export {
  apiFetch,
  ApiError,
  ErrorCode,
  API_BASE,
  setCsrfToken,
  hasCsrfToken,
  onSessionSignal,
  type SessionSignal,
  type ApiRequest,
  type Method,
} from './client';
export { describeError } from './describe';
export type * from './types';
