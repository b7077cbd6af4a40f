import { builder } from './builder.js';
import './scalars.js';
import './errors.js';
import './entities.js';
import './inputs.js';
import './query.js';
import './mutations.js';

// Fields, arguments and enum values keep the page's order; the committed SDL is sorted by codegen.
export const schema = builder.toSchema({ sortSchema: false });
