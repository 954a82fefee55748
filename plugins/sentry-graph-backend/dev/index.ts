/*
 * A standalone Backstage backend with the plugin, for the demo
 * (`npm run demo`) and for `backstage-cli package start`.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('../src'));
backend.start();
