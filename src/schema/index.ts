import { builder } from './builder.js';
import './scalars.js';
import './errors.js';
import './entities.js';
import './inputs.js';
import './query.js';
import './mutations.js';

export const schema = builder.toSchema();
