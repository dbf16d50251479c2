export * from './read-model-database';
export * from './projection';
export * from './projection-runner';
export * from './member-agreements.projection';
export * from './member-directory';
