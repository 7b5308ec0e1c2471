import { healthFeature } from './health';
import { mountShell, plannedFeatures } from './shell';

const root = document.getElementById('app');
if (root) mountShell(root, [healthFeature, ...plannedFeatures]);
