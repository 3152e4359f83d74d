import { measureEndToEnd } from './e2e.js';
import { endToEndPlan } from './e2e-plan.js';
const plan = await endToEndPlan('/tmp/ringkas-bench-corpus/x1', 1000);
const f = await measureEndToEnd(plan);
console.log(JSON.stringify(f));
