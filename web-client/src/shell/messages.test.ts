import { describe, expect, it } from 'vitest';
import { t } from './messages';

describe('t', () => {
  it('returns the text for a key', () => {
    expect(t('app.name')).toBe('telecare');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('health.members', { count: 3 })).toBe('Cluster members (3)');
    expect(t('health.members')).toBe('Cluster members ({count})');
  });

  it('does not treat a placeholder value as a template', () => {
    expect(t('health.error.unreachable', { detail: '{count}' })).toBe('Could not reach the node ({count}).');
  });
});
