// Part 1 of the collector fuzz tests (see suite.ts, harness.ts).
import { fuzzSuite } from './suite.ts';

fuzzSuite(1, 4);
