// Part 2 of the collector fuzz tests (see suite.ts, harness.ts).
import { fuzzSuite } from './suite.ts';

fuzzSuite(2, 4);
