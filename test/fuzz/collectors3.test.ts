// Part 3 of the collector fuzz tests (see suite.ts, harness.ts).
import { fuzzSuite } from './suite.ts';

fuzzSuite(3, 4);
