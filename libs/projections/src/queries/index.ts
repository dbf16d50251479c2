export * from './agreements.query';
export * from './benefits.query';
export * from './coverage.query';
export * from './double-funding.query';
export * from './member.query';
export * from './premiums.query';
export * from './page';
