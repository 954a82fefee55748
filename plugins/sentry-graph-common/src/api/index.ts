export * from './changes';
export * from './entity';
export * from './runResult';
export * from './runs';
export * from './status';
export * from './summary';
