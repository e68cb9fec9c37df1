export * from './auth';
export * from './org';
export * from './docs';
export * from './audit';
export * from './needs';
export * from './meetings';
export * from './hall';
export * from './jobs';
