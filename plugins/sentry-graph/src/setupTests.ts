import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The page loads lazily and the machines have 2 cores shared with Neo4j:
// give findBy/waitFor more than Testing Library's default second.
configure({ asyncUtilTimeout: 10_000 });
