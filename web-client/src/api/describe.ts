import { t } from '../shell';
import { ApiError } from './client';

/** A sentence for the user about a failed call; the server's message when it sent one. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  switch (error.kind) {
    case 'network':
      return t('api.error.network', { detail: error.message });
    case 'http':
      return t('api.error.http', { status: error.status });
    case 'notJson':
      return t('api.error.notJson');
    case 'api':
      return t('api.error.server', { message: error.message });
  }
}
