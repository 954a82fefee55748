import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The page loads lazily and the machines have 2 cores shared with Neo4j and
// the bundler: give findBy/waitFor more than Testing Library's default
// second, and each test more than Jest's default 5 s.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
