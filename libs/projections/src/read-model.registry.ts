import { agreementsReadModel } from './agreements';
import { benefitsReadModel } from './benefits';
import type { RegisteredReadModel } from './read-model';

/**
 * Every read model, once. The runner feeds these, a rebuild builds these, the status reports these, and the
 * projection specification runs against each of these: adding a read model is its folder and one line here.
 */
export const READ_MODELS: readonly RegisteredReadModel[] = [agreementsReadModel, benefitsReadModel];
