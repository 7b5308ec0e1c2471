/** Node status: the `/health` report of the node that serves this page. */
import './health.css';
import type { Feature } from '../shell';
import { createHealthPanel } from './panel';

export { createHealthPanel, renderOutcome, type HealthPanel } from './panel';
export { fetchHealth, parseHealth, HEALTH_URL, type Health, type HealthOutcome } from './health';

export const healthFeature: Feature = {
  id: 'health',
  title: 'nav.health',
  mount(container) {
    container.append(createHealthPanel(container.ownerDocument).element);
  },
};
