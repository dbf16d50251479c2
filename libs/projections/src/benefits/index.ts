export { benefitsReadModel } from './benefits.read-model';
export * from './benefits.query';
